/** Orders, ledger entries and top-ups: the money rules, free of Spring and of the database. */
package com.evplatform.order.billing.model;
