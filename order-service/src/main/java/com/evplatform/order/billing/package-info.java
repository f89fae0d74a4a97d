/** Orders, wallets and payments: a session's bill, the driver's ledger, top-ups and unpaid orders. */
package com.evplatform.order.billing;
