package com.evplatform.auth.account.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.evplatform.auth.account.application.Registering;
import com.evplatform.auth.account.model.Operator;
import com.evplatform.auth.account.model.User;
import com.evplatform.auth.account.model.Username;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** ADMIN: operators and their users (API.md "Auth", admin rows). */
@RestController
@RequestMapping("/api/admin")
@PreAuthorize("hasRole('ADMIN')")
class AdminAccountsController {

    record CreateOperator(
            @NotNull @Pattern(regexp = "[A-Z0-9]{9}", message = "9 upper-case letters or digits") String code,
            @NotBlank @Size(max = 100) String name) {
    }

    record OperatorCreated(String code, String name) {
    }

    record CreateOperatorUser(
            @NotNull @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}", message = "3 to 32 of letters, digits, _ . -")
            String username,
            @NotNull @Size(min = 8, max = 128) String password,
            @NotNull @Pattern(regexp = "OPERATOR", message = "only OPERATOR users are created here") String role,
            @NotNull @Pattern(regexp = "[A-Z0-9]{9}", message = "9 upper-case letters or digits") String operatorCode) {
    }

    record UserCreated(String userId, String username, String role, String operatorCode) {
    }

    private final Registering registering;

    AdminAccountsController(Registering registering) {
        this.registering = registering;
    }

    @PostMapping("/operators")
    @ResponseStatus(HttpStatus.CREATED)
    OperatorCreated createOperator(@Valid @RequestBody CreateOperator request) {
        Operator operator = registering.createOperator(request.code(), request.name());
        return new OperatorCreated(operator.code(), operator.name());
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserCreated createUser(@Valid @RequestBody CreateOperatorUser request) {
        User user = registering.createOperatorUser(new Username(request.username()), request.password(),
                request.operatorCode());
        return new UserCreated(user.id(), user.username(), user.role().name(), request.operatorCode());
    }
}
