package com.evplatform.auth.account.application;

import com.evplatform.auth.account.model.Operator;

/** The charging operators; infrastructure keeps them in the database. */
public interface Operators {

    boolean contains(String code);

    /** Stores a new operator at once, so a concurrent creation of the same code fails here. */
    Operator add(Operator operator);
}
