package com.evplatform.e2e;

import java.util.HashMap;
import java.util.Map;

import com.evplatform.testsupport.Infrastructure;

/** How end-to-end tests start auth-service: its first admin, and one signing key for every run. */
final class E2eAuthService {

    static final String ADMIN = "e2e-admin";
    static final String ADMIN_PASSWORD = "e2e-admin-password";

    private E2eAuthService() {
    }

    static Map<String, Object> properties(Infrastructure infrastructure) {
        Map<String, Object> properties = new HashMap<>(infrastructure.springProperties("auth"));
        properties.put("platform.auth.admin.username", ADMIN);
        properties.put("platform.auth.admin.password", ADMIN_PASSWORD);
        properties.put("platform.auth.dev-key-file", System.getProperty("java.io.tmpdir")
                + "/ev-platform-e2e/auth-signing-key.pem");
        return properties;
    }
}
