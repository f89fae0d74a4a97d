package com.evplatform.auth.account.application;

import java.time.Clock;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.auth.account.model.Operator;
import com.evplatform.auth.account.model.User;
import com.evplatform.auth.account.model.Username;
import com.evplatform.messaging.Outbox;

/** Creating accounts: drivers sign themselves up; admins create operators and their users. */
@Service
public class Registering {

    private final Users users;
    private final Operators operators;
    private final PasswordEncoder passwords;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Registering(Users users, Operators operators, PasswordEncoder passwords, Outbox outbox,
            TransactionTemplate transactions, Clock clock) {
        this.users = users;
        this.operators = operators;
        this.passwords = passwords;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    public User registerDriver(Username username, String password, String phone) {
        return create(username, () -> User.driver(username, passwords.encode(password), phone, clock.instant()));
    }

    public User createOperatorUser(Username username, String password, String operatorCode) {
        if (!operators.contains(operatorCode)) {
            throw new AccountRefusal.OperatorNotFound(operatorCode);
        }
        return create(username, () -> User.operator(username, passwords.encode(password), operatorCode,
                clock.instant()));
    }

    public User createAdmin(Username username, String password) {
        return create(username, () -> User.admin(username, passwords.encode(password), clock.instant()));
    }

    public Operator createOperator(String code, String name) {
        try {
            return transactions.execute(status -> {
                if (operators.contains(code)) {
                    throw new AccountRefusal.OperatorExists(code);
                }
                Operator operator = operators.add(new Operator(code, name, clock.instant()));
                outbox.publish(AccountEvents.created(operator));
                return operator;
            });
        } catch (DataIntegrityViolationException e) {
            throw new AccountRefusal.OperatorExists(code);
        }
    }

    public boolean exists(Username username) {
        return users.contains(username);
    }

    private User create(Username username, java.util.function.Supplier<User> account) {
        try {
            return transactions.execute(status -> {
                if (users.contains(username)) {
                    throw new AccountRefusal.UsernameTaken(username);
                }
                User user = users.add(account.get());
                outbox.publish(AccountEvents.registered(user));
                return user;
            });
        } catch (DataIntegrityViolationException e) {
            // Two sign-ups raced for the name: the unique key let one through.
            throw new AccountRefusal.UsernameTaken(username);
        }
    }
}
