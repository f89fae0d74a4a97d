package com.evplatform.auth.account.model;

import java.util.Locale;
import java.util.regex.Pattern;

/** An account name: 3 to 32 of {@code [A-Za-z0-9_.-]}; compared without case. */
public record Username(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

    public Username {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("a username is 3 to 32 of letters, digits, _ . -");
        }
    }

    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }
}
