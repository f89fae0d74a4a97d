/** Retention of the library's tables: what is done is purged in bounded batches after a set time. */
package com.evplatform.messaging.retention;
