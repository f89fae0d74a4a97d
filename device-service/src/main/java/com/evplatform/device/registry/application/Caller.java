package com.evplatform.device.registry.application;

import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;

import com.evplatform.service.support.refusal.Refusal;

/**
 * Who is calling, from the verified access token: an ADMIN sees all, anyone else only its own
 * operator's. A caller that is neither an admin nor bound to an operator is refused here, so no
 * query can run unscoped (fails closed, as charging-service does).
 */
public record Caller(String userId, boolean admin, String operatorCode) {

    public Caller {
        if (!admin && (operatorCode == null || operatorCode.isBlank())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "OPERATOR_SCOPE_MISSING",
                    "Your account is not bound to an operator, so it may see no operator's data");
        }
    }

    public static Caller of(Jwt token) {
        List<String> roles = token.getClaimAsStringList("roles");
        boolean admin = roles != null && roles.contains("ADMIN");
        return new Caller(token.getSubject(), admin, token.getClaimAsString("operatorCode"));
    }

    public boolean mayManage(String stationOperatorCode) {
        return admin || operatorCode.equals(stationOperatorCode);
    }

    /** The operator whose data the caller is limited to; null for an admin. */
    public String scope() {
        return admin ? null : operatorCode;
    }
}
