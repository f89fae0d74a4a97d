package com.evplatform.auth.account.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.evplatform.auth.account.application.LoggingIn;
import com.evplatform.auth.account.application.Registering;
import com.evplatform.auth.account.application.Users;
import com.evplatform.auth.account.model.User;
import com.evplatform.auth.account.model.Username;
import com.evplatform.service.support.web.ApiException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The driver-facing account endpoints of API.md "Auth". */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    record RegisterRequest(
            @NotNull @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}", message = "3 to 32 of letters, digits, _ . -")
            String username,
            @NotNull @Size(min = 8, max = 128) String password,
            @Size(max = 32) @Pattern(regexp = "\\+?[0-9 -]{5,32}", message = "a phone number") String phone) {
    }

    record Registered(String userId, String username) {
    }

    record LoginRequest(@NotBlank @Size(max = 128) String username, @NotBlank @Size(max = 128) String password) {
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {
        static TokenResponse of(LoggingIn.Tokens tokens) {
            return new TokenResponse(tokens.accessToken(), "Bearer", tokens.expiresIn(), tokens.refreshToken());
        }
    }

    record Me(String userId, String username, List<String> roles, String operatorCode) {
    }

    private final Registering registering;
    private final LoggingIn loggingIn;
    private final Users users;
    private final ClientAddresses clientAddresses;

    AuthController(Registering registering, LoggingIn loggingIn, Users users, ClientAddresses clientAddresses) {
        this.registering = registering;
        this.loggingIn = loggingIn;
        this.users = users;
        this.clientAddresses = clientAddresses;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    Registered register(@Valid @RequestBody RegisterRequest request) {
        User user = registering.registerDriver(new Username(request.username()), request.password(), request.phone());
        return new Registered(user.id(), user.username());
    }

    @PostMapping("/login")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return TokenResponse.of(loggingIn.login(request.username(), request.password(),
                clientAddresses.of(http)));
    }

    @PostMapping("/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return TokenResponse.of(loggingIn.refresh(request.refreshToken()));
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request, @AuthenticationPrincipal Jwt token) {
        loggingIn.logout(request.refreshToken(), token.getSubject());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    Me me(@AuthenticationPrincipal Jwt token) {
        User user = users.byId(token.getSubject())
                .orElseThrow(() -> ApiException.unauthorized("UNAUTHENTICATED", "The account no longer exists"));
        return new Me(user.id(), user.username(), List.of(user.role().name()), user.operatorCode().orElse(null));
    }
}
