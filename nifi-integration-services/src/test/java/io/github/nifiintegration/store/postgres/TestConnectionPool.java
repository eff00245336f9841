package io.github.nifiintegration.store.postgres;

import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.dbcp.DBCPService;
import org.apache.nifi.processor.exception.ProcessException;
import org.postgresql.PGConnection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DBCPService for tests: connections from a {@link ConnectionSource} (the embedded server), pooled
 * like DBCPConnectionPool does (an idle connection is validated before it is handed out again; one
 * that failed is discarded). It can drop a connection in the middle of a batch the way a network failure or a DBA
 * would: just before the n-th statement from now, the connection's server process is terminated
 * ({@code pg_terminate_backend}) from another connection, so that statement fails for real.
 */
public class TestConnectionPool extends AbstractControllerService implements DBCPService {

    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch", "executeLargeUpdate", "executeLargeBatch");

    private final ConnectionSource source;
    private final AtomicInteger statementsUntilDrop = new AtomicInteger(-1);
    private final AtomicInteger drops = new AtomicInteger();
    private final AtomicInteger statements = new AtomicInteger();
    private final java.util.concurrent.ConcurrentLinkedQueue<Connection> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public TestConnectionPool(final ConnectionSource source) {
        this.source = source;
    }

    /** The n-th statement executed from now (1 = the next) runs on a connection the server has just terminated. */
    public void dropConnectionAtStatement(final int n) {
        statementsUntilDrop.set(n);
    }

    /** How many statements were executed through this pool so far (to show what a cache saves). */
    public int statements() {
        return statements.get();
    }

    /** How many connections were dropped so far. */
    public int drops() {
        return drops.get();
    }

    @Override
    public Connection getConnection() throws ProcessException {
        try {
            final Connection real = borrow();
            final java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                if (method.getName().equals("close")) {
                    giveBack(real, broken.get());
                    return null;
                }
                final Object result = invoke(real, method, args, broken);
                if (result instanceof Statement statement && !(result instanceof ResultSet)) {
                    return wrap(real, statement, broken);
                }
                return result;
            });
        } catch (final SQLException e) {
            throw new ProcessException("cannot connect to the test database", e);
        }
    }

    private Connection borrow() throws SQLException {
        for (Connection pooled = idle.poll(); pooled != null; pooled = idle.poll()) {
            if (pooled.isValid(2)) {
                return pooled;
            }
            close(pooled);
        }
        return source.connection();
    }

    private void giveBack(final Connection real, final boolean broken) {
        try {
            if (!broken && !real.isClosed() && real.getAutoCommit()) {
                idle.add(real);
                return;
            }
        } catch (final SQLException e) {
            // not reusable
        }
        close(real);
    }

    private static void close(final Connection connection) {
        try {
            connection.close();
        } catch (final SQLException ignored) {
            // already gone
        }
    }

    @org.apache.nifi.annotation.lifecycle.OnDisabled
    public void closeIdle() {
        for (Connection pooled = idle.poll(); pooled != null; pooled = idle.poll()) {
            close(pooled);
        }
    }

    private Object wrap(final Connection real, final Statement statement, final java.util.concurrent.atomic.AtomicBoolean broken) {
        final Class<?> type = statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        final InvocationHandler handler = (proxy, method, args) -> {
            if (EXECUTES.contains(method.getName())) {
                statements.incrementAndGet();
                if (statementsUntilDrop.get() > 0 && statementsUntilDrop.decrementAndGet() == 0) {
                    terminate(real);
                }
            }
            return invoke(statement, method, args, broken);
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type}, handler);
    }

    private void terminate(final Connection victim) throws SQLException {
        final int pid = victim.unwrap(PGConnection.class).getBackendPID();
        try (Connection killer = source.connection();
             PreparedStatement kill = killer.prepareStatement("SELECT pg_terminate_backend(?)");
             PreparedStatement gone = killer.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            kill.setInt(1, pid);
            kill.execute();
            gone.setInt(1, pid);
            for (int attempt = 0; attempt < 100; attempt++) {
                try (ResultSet rows = gone.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(20);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drops.incrementAndGet();
    }

    private static Object invoke(final Object target, final Method method, final Object[] args, final java.util.concurrent.atomic.AtomicBoolean broken) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (final InvocationTargetException e) {
            broken.set(true);
            throw e.getCause();
        }
    }
}
