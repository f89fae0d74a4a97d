package com.evplatform.messaging.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.evplatform.messaging.consumer.DeadLetterStore;
import com.evplatform.messaging.outbox.OutboxStatus;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The messaging operations of API.md, under {@code /api/admin/messaging/{service}}; a path
 * naming another service answers 404 (the gateway routes each service's path to it).
 */
@RestController
@Validated
@RequestMapping("/api/admin/messaging/{service}")
class MessagingAdminController {

    private final MessagingOperations operations;
    private final String serviceName;

    MessagingAdminController(MessagingOperations operations, String serviceName) {
        this.operations = operations;
        this.serviceName = serviceName;
    }

    @GetMapping("/dead-letters")
    MessagingOperations.Page<MessagingOperations.DeadLetterView> deadLetters(@PathVariable String service,
            @RequestParam(defaultValue = "DEAD") DeadLetterStore.Status status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        requireThisService(service);
        return operations.deadLetters(status, page, size);
    }

    @PostMapping("/dead-letters/{messageId}/replay")
    ResponseEntity<Void> replay(@PathVariable String service, @PathVariable String messageId) {
        requireThisService(service);
        if (operations.replay(messageId) == 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no dead letter " + messageId);
        }
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/dead-letters/{messageId}/discard")
    ResponseEntity<Void> discard(@PathVariable String service, @PathVariable String messageId) {
        requireThisService(service);
        if (operations.discard(messageId) == 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no dead letter " + messageId);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/outbox")
    MessagingOperations.Page<MessagingOperations.OutboxView> outbox(@PathVariable String service,
            @RequestParam(defaultValue = "FAILED") OutboxStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        requireThisService(service);
        return operations.outbox(status, page, size);
    }

    @PostMapping("/outbox/{id}/retry")
    ResponseEntity<Void> retry(@PathVariable String service, @PathVariable long id) {
        requireThisService(service);
        if (!operations.retryOutbox(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no FAILED outbox row " + id);
        }
        return ResponseEntity.accepted().build();
    }

    private void requireThisService(String service) {
        if (!serviceName.equals(service)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "this is " + serviceName);
        }
    }
}
