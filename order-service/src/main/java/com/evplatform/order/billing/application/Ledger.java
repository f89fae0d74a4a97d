package com.evplatform.order.billing.application;

import java.util.Currency;
import java.util.Optional;

import com.evplatform.contract.Money;
import com.evplatform.order.billing.model.LedgerEntry;

/**
 * Port: wallets and their ledgers. A wallet's balance is changed only by {@link #append}, in the
 * same transaction as its entry, after {@link #lockBalance} took the wallet's row.
 */
public interface Ledger {

    /** The balance, the wallet created at zero if the driver has none; the wallet stays locked. */
    Money lockBalance(String userId, Currency currency);

    /** Creates the driver's wallet at zero if there is none (in the caller's transaction). */
    void open(String userId, Currency currency);

    /** The balance without locking (zero for a driver without a wallet). */
    Money balance(String userId, Currency currency);

    Optional<LedgerEntry> byKey(String key);

    /** Writes the entry and sets the wallet's balance to its {@code balanceAfter}. */
    void append(LedgerEntry entry);

    Page<LedgerEntry> entries(String userId, int page, int size);

    /** The sum of the wallet's ledger: what its balance must equal. */
    Money sum(String userId, Currency currency);
}
