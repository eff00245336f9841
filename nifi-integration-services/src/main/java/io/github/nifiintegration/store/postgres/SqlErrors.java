package io.github.nifiintegration.store.postgres;

import io.github.nifiintegration.store.StoreException;

import java.sql.SQLException;

/**
 * Turns database errors into store errors that are safe to log and to show in bulletins. A PostgreSQL
 * error message can quote the values it failed on (a duplicate key's columns, a value that did not
 * parse), so only the SQLState and what the store was doing are kept; the server log has the rest.
 * The original exception is deliberately not attached as the cause, for the same reason.
 */
final class SqlErrors {

    private SqlErrors() {
    }

    static StoreException storeException(final String doing, final SQLException e) {
        final String state = e.getSQLState() == null ? "unknown" : e.getSQLState();
        return new StoreException("PostgreSQL master data store failed while " + doing + " (SQLState " + state + ", " + kind(state)
                + "); the transaction was rolled back. The database's own message is left out because it can contain record values: "
                + "see the PostgreSQL server log.");
    }

    /** The class of an SQLState, in words (what a user needs to decide what to do next). */
    static String kind(final String state) {
        if (state.startsWith("08")) {
            return "the connection to the database was lost";
        }
        if (state.startsWith("57P")) {
            return "the database server is shutting down or restarting";
        }
        if (state.equals("55P03")) {
            return "a lock was not granted in time";
        }
        if (state.startsWith("40")) {
            return "the transaction conflicted with another one";
        }
        if (state.startsWith("42")) {
            return "the store's tables are missing or not accessible: check the schema, the table prefix and the user's privileges";
        }
        if (state.startsWith("53")) {
            return "the database is out of resources";
        }
        return "see the PostgreSQL documentation of this SQLState";
    }
}
