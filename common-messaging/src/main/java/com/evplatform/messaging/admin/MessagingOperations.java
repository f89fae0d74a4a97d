package com.evplatform.messaging.admin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.messaging.consumer.DeadLetterStore;
import com.evplatform.messaging.consumer.DeadLetterStore.DeadLetter;
import com.evplatform.messaging.outbox.OutboxRepository;
import com.evplatform.messaging.outbox.OutboxRow;
import com.evplatform.messaging.outbox.OutboxStatus;

/** What an operator can do about messages that did not go through: see, replay, discard, retry. */
public class MessagingOperations {

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    public record DeadLetterView(long id, String queue, String messageId, String type, String reason, String status,
            String deadLetteredAt, String body) {
        static DeadLetterView of(DeadLetter letter) {
            return new DeadLetterView(letter.id(), letter.queue(), letter.messageId(), letter.type(), letter.reason(),
                    letter.status().name(), letter.deadLetteredAt().toString(),
                    new String(letter.body(), StandardCharsets.UTF_8));
        }
    }

    public record OutboxView(long id, String messageId, String exchange, String routingKey, String type,
            String status, int attempts, String createdAt, String nextAttemptAt, String lastError) {
        static OutboxView of(OutboxRow row) {
            return new OutboxView(row.id(), row.messageId(), row.exchange(), row.routingKey(), row.type(),
                    row.status().name(), row.attempts(), row.createdAt().toString(), row.nextAttemptAt().toString(),
                    row.lastError());
        }
    }

    private final DeadLetterStore deadLetters;
    private final OutboxRepository outbox;
    private final TransactionTemplate transactions;
    private final Runnable wakeRelay;
    private final Clock clock;

    public MessagingOperations(DeadLetterStore deadLetters, OutboxRepository outbox, TransactionTemplate transactions,
            Runnable wakeRelay, Clock clock) {
        this.deadLetters = deadLetters;
        this.outbox = outbox;
        this.transactions = transactions;
        this.wakeRelay = wakeRelay;
        this.clock = clock;
    }

    public Page<DeadLetterView> deadLetters(DeadLetterStore.Status status, int page, int size) {
        return new Page<>(deadLetters.page(status, page, size).stream().map(DeadLetterView::of).toList(), page, size,
                deadLetters.count(status));
    }

    /**
     * Sends the original message back to the queue it died in, through the outbox (so the
     * replay itself is confirmed and survives a crash). The consumer's inbox still guarantees
     * one effect.
     *
     * @return how many dead letters were replayed (0 when none is DEAD under that id)
     */
    public int replay(String messageId) {
        Integer replayed = transactions.execute(status -> {
            List<DeadLetter> letters = deadLetters.lockDead(messageId);
            for (DeadLetter letter : letters) {
                outbox.insert(letter.messageId(), "", letter.queue(),
                        letter.type() == null ? "unknown" : letter.type(), letter.body(), clock.instant());
                deadLetters.resolve(letter.id(), DeadLetterStore.Status.REPLAYED, clock.instant());
            }
            return letters.size();
        });
        wakeRelay.run();
        return replayed == null ? 0 : replayed;
    }

    public int discard(String messageId) {
        Integer discarded = transactions.execute(status -> {
            List<DeadLetter> letters = deadLetters.lockDead(messageId);
            letters.forEach(letter -> deadLetters.resolve(letter.id(), DeadLetterStore.Status.DISCARDED,
                    clock.instant()));
            return letters.size();
        });
        return discarded == null ? 0 : discarded;
    }

    public Page<OutboxView> outbox(OutboxStatus status, int page, int size) {
        return new Page<>(outbox.page(status, page, size).stream().map(OutboxView::of).toList(), page, size,
                outbox.count(status));
    }

    /** @return false when the row does not exist or is not FAILED */
    public boolean retryOutbox(long id) {
        boolean retried = Boolean.TRUE.equals(transactions.execute(status -> outbox.retry(id, clock.instant())));
        if (retried) {
            wakeRelay.run();
        }
        return retried;
    }
}
