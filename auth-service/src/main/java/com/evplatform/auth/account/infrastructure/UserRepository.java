package com.evplatform.auth.account.infrastructure;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

import com.evplatform.auth.account.application.Users;
import com.evplatform.auth.account.model.User;
import com.evplatform.auth.account.model.Username;

/** {@link Users} on JPA: Spring Data implements the queries, the port's methods delegate to them. */
public interface UserRepository extends JpaRepository<User, String>, Users {

    Optional<User> findByUsernameKey(String usernameKey);

    boolean existsByUsernameKey(String usernameKey);

    @Override
    default Optional<User> byId(String id) {
        return findById(id);
    }

    @Override
    default Optional<User> byUsername(Username username) {
        return findByUsernameKey(username.key());
    }

    @Override
    default boolean contains(Username username) {
        return existsByUsernameKey(username.key());
    }

    @Override
    default User add(User user) {
        return saveAndFlush(user);
    }
}
