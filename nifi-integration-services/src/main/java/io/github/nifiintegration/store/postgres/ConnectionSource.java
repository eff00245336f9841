package io.github.nifiintegration.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the store gets its database connections (in NiFi: a DBCPService). Each connection is closed
 * by the store when it is done with it, which returns it to the pool.
 */
@FunctionalInterface
public interface ConnectionSource {

    Connection connection() throws SQLException;
}
