package io.github.nifiintegration.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * Array parameters typed as String[], Long[] and byte[][]: for those the PostgreSQL driver sends the
 * array in binary. Given a plain Object[] (what {@code Collection.toArray()} returns) it builds an
 * escaped text literal instead ({"a","b"}, numbers as digits), which made a batch's statements cost
 * several times the CPU. Standard JDBC only: the driver's classes are not visible to this bundle (NiFi's
 * connection pool loads the driver).
 */
final class SqlArrays {

    private SqlArrays() {
    }

    static Array texts(final Connection connection, final Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(new String[0]));
    }

    static Array longs(final Connection connection, final Collection<Long> values) throws SQLException {
        return connection.createArrayOf("int8", values.toArray(new Long[0]));
    }

    static Array bytes(final Connection connection, final List<byte[]> values) throws SQLException {
        return connection.createArrayOf("bytea", values.toArray(new byte[0][]));
    }
}
