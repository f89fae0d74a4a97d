package com.evplatform.auth.account.application;

import java.util.Optional;

import com.evplatform.auth.account.model.User;
import com.evplatform.auth.account.model.Username;

/** The accounts, as the use cases need them; infrastructure keeps them in the database. */
public interface Users {

    Optional<User> byId(String id);

    /** Whatever the case of the name: usernames are unique case-insensitively. */
    Optional<User> byUsername(Username username);

    boolean contains(Username username);

    /**
     * Stores a new account at once, so a name taken by a concurrent sign-up fails here on the
     * unique key (as a {@link org.springframework.dao.DataIntegrityViolationException}).
     */
    User add(User user);
}
