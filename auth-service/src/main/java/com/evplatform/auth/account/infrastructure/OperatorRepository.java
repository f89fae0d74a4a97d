package com.evplatform.auth.account.infrastructure;

import org.springframework.data.jpa.repository.JpaRepository;

import com.evplatform.auth.account.application.Operators;
import com.evplatform.auth.account.model.Operator;

/** {@link Operators} on JPA. */
public interface OperatorRepository extends JpaRepository<Operator, String>, Operators {

    @Override
    default boolean contains(String code) {
        return existsById(code);
    }

    @Override
    default Operator add(Operator operator) {
        return saveAndFlush(operator);
    }
}
