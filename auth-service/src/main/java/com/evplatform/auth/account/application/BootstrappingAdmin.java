package com.evplatform.auth.account.application;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import com.evplatform.auth.account.model.Username;
import com.evplatform.auth.token.AuthProperties;

/** Creates the first ADMIN from PLATFORM_ADMIN_USERNAME / PLATFORM_ADMIN_PASSWORD, once. */
@Component
class BootstrappingAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrappingAdmin.class);

    private final Registering registering;
    private final AuthProperties properties;

    BootstrappingAdmin(Registering registering, AuthProperties properties) {
        this.registering = registering;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        String username = properties.admin().username();
        String password = properties.admin().password();
        if (username == null || username.isBlank() || password == null || password.isBlank()) {
            log.warn("No platform admin: set PLATFORM_ADMIN_USERNAME and PLATFORM_ADMIN_PASSWORD to create one");
            return;
        }
        var name = new Username(username);
        if (registering.exists(name)) {
            return;
        }
        try {
            registering.createAdmin(name, password);
            log.info("Created the platform admin {}", username);
        } catch (AccountRefusal.UsernameTaken e) {
            // Another instance created it at the same moment.
            log.info("The platform admin {} exists", username);
        }
    }
}
