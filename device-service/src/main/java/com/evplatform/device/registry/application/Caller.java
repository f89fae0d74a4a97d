package com.evplatform.device.registry.application;

import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling, from the verified access token: an ADMIN sees all, an OPERATOR its own operator. */
public record Caller(String userId, boolean admin, String operatorCode) {

    public static Caller of(Jwt token) {
        List<String> roles = token.getClaimAsStringList("roles");
        boolean admin = roles != null && roles.contains("ADMIN");
        return new Caller(token.getSubject(), admin, token.getClaimAsString("operatorCode"));
    }

    public boolean mayManage(String stationOperatorCode) {
        return admin || (operatorCode != null && operatorCode.equals(stationOperatorCode));
    }

    /** The operator whose data the caller is limited to; null for an admin. */
    public String scope() {
        return admin ? null : operatorCode;
    }
}
