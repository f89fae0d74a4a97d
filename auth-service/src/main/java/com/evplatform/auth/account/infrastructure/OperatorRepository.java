package com.evplatform.auth.account.infrastructure;

import org.springframework.data.jpa.repository.JpaRepository;

import com.evplatform.auth.account.model.Operator;

public interface OperatorRepository extends JpaRepository<Operator, String> {
}
