/**
 * The building blocks of every service's published contract: exchanges, typed message kinds and
 * the value types messages carry. Plain Java: contract modules and every service depend on it.
 */
package com.evplatform.contract;
