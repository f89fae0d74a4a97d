package com.evplatform.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLNonTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class OutageTest {

    @Test
    void a_database_that_cannot_be_reached_or_drops_the_connection_is_an_outage() {
        assertThat(Outage.ofDatabase(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(Outage.ofDatabase(new IllegalStateException("wrapped",
                new SQLNonTransientConnectionException("socket error")))).isTrue();
    }

    @Test
    void a_connection_lost_mid_transaction_is_an_outage_though_the_failed_rollback_hides_it() {
        var rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new java.sql.SQLException("connection is closed"));
        rollbackFailed.initApplicationException(new DataAccessResourceFailureException("socket error"));

        assertThat(Outage.ofDatabase(rollbackFailed)).isTrue();
    }

    @Test
    void a_failure_of_the_message_or_the_handler_is_no_outage() {
        assertThat(Outage.ofDatabase(new DuplicateKeyException("duplicate entry"))).isFalse();
        var rollbackFailed = new TransactionSystemException("JDBC rollback failed");
        rollbackFailed.initApplicationException(new IllegalStateException("handler bug"));
        assertThat(Outage.ofDatabase(rollbackFailed)).isFalse();
    }
}
