package com.evplatform.auth.account.infrastructure;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

import com.evplatform.auth.account.model.User;

public interface UserRepository extends JpaRepository<User, String> {

    Optional<User> findByUsernameKey(String usernameKey);

    boolean existsByUsernameKey(String usernameKey);
}
