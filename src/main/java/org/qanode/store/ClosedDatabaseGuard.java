package org.qanode.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Watches the JDBC calls on a pooled embedded-H2 connection for "database is closed". H2 closes
 * its database for good when a write fails (a full disk: "The database has been closed", error
 * 90098); the pool does not know that error and would keep handing out the dead connections,
 * so every C-STORE stayed A700 and the REST API 500 until a restart, even after space was
 * freed. On that error {@code onClosed} runs (the pool drops its connections); the next
 * connection opens the database again, which H2 does from its file (committed rows intact).
 * The failing call still fails: its object is refused, the SCU sends it again.
 */
final class ClosedDatabaseGuard implements InvocationHandler {
    /** org.h2.api.ErrorCode.DATABASE_IS_CLOSED */
    static final int DATABASE_IS_CLOSED = 90098;
    /** org.h2.api.ErrorCode.DATABASE_CALLED_AT_SHUTDOWN */
    static final int DATABASE_CALLED_AT_SHUTDOWN = 90121;

    private final Object target;
    private final Runnable onClosed;

    private ClosedDatabaseGuard(Object target, Runnable onClosed) {
        this.target = target;
        this.onClosed = onClosed;
    }

    static Connection wrap(Connection c, Runnable onClosed) {
        return proxy(Connection.class, c, onClosed);
    }

    private static <T> T proxy(Class<T> type, T target, Runnable onClosed) {
        return type.cast(Proxy.newProxyInstance(ClosedDatabaseGuard.class.getClassLoader(), new Class<?>[] {type},
                new ClosedDatabaseGuard(target, onClosed)));
    }

    /** Whether an exception (or one it chains) says the database is gone for good. */
    static boolean isClosed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == DATABASE_IS_CLOSED
                    || s.getErrorCode() == DATABASE_CALLED_AT_SHUTDOWN)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s && isClosed(s)) {
                onClosed.run();
            }
            throw cause;
        }
        // statements and result sets made by this connection are watched too
        Class<?> type = method.getReturnType();
        if (result == null || !type.isInterface()) {
            return result;
        }
        if (type == CallableStatement.class) {
            return proxy(CallableStatement.class, (CallableStatement) result, onClosed);
        } else if (type == PreparedStatement.class) {
            return proxy(PreparedStatement.class, (PreparedStatement) result, onClosed);
        } else if (type == Statement.class) {
            return proxy(Statement.class, (Statement) result, onClosed);
        } else if (type == ResultSet.class) {
            return proxy(ResultSet.class, (ResultSet) result, onClosed);
        } else if (type == DatabaseMetaData.class) {
            return proxy(DatabaseMetaData.class, (DatabaseMetaData) result, onClosed);
        }
        return result;
    }
}
