package com.evplatform.auth.account.application;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.auth.token.AuthProperties;
import com.evplatform.messaging.retention.BatchedDeletes;

/**
 * Deletes the refresh tokens of logins that ended or were revoked longer ago than the
 * retention ({@code AUTH_REFRESH_TOKEN_RETENTION}), on a schedule, in batches of at most
 * {@code batchSize} rows, each its own read-committed transaction (no gap locks that would
 * hold up logins). Every instance runs it; two at once only take turns on the same rows.
 */
@Service
public class ForgettingEndedLogins {

    private static final Logger log = LoggerFactory.getLogger(ForgettingEndedLogins.class);

    private final RefreshTokens refreshTokens;
    private final TransactionTemplate transactions;
    private final AuthProperties.Retention retention;
    private final Clock clock;

    ForgettingEndedLogins(RefreshTokens refreshTokens, PlatformTransactionManager transactionManager,
            AuthProperties properties, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.retention = properties.retention();
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${platform.auth.retention.interval:1h}",
            fixedDelayString = "${platform.auth.retention.interval:1h}")
    void onSchedule() {
        try {
            forget();
        } catch (RuntimeException e) {
            // The database is away, most likely: the next round tries again.
            log.warn("purging ended refresh tokens failed: {}", e.toString());
        }
    }

    /** @return how many refresh tokens were deleted */
    public long forget() {
        Instant before = clock.instant().minus(retention.refreshTokens());
        long total = BatchedDeletes.run(transactions, retention.batchSize(),
                limit -> refreshTokens.deleteEndedBefore(before, limit));
        if (total > 0) {
            log.info("deleted {} refresh tokens of logins ended or revoked before {}", total, before);
        }
        return total;
    }
}
