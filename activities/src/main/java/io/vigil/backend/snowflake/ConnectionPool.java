package io.vigil.backend.snowflake;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A few idle connections kept for reuse. A Snowflake login is an HTTPS round trip or more (a JWT to sign, a session
 * to create), far more than most of the backend's statements, so each call borrows a logged-in session instead of
 * opening one. A connection that failed is closed rather than kept, since its session may be gone.
 */
final class ConnectionPool implements AutoCloseable {

  /** Opens a new connection. */
  interface Opener {
    Connection open() throws SQLException;
  }

  private final Opener opener;
  private final int maxIdle;
  private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  ConnectionPool(Opener opener, int maxIdle) {
    this.opener = opener;
    this.maxIdle = maxIdle;
  }

  Connection borrow() throws SQLException {
    if (closed) {
      throw new SQLException("the connection pool is closed");
    }
    for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
      if (!connection.isClosed()) {
        return connection;
      }
    }
    return opener.open();
  }

  /** Takes back a connection that is healthy and in autocommit mode; closes it when there are enough idle ones. */
  void giveBack(Connection connection) {
    if (closed || idle.size() >= maxIdle) {
      closeQuietly(connection);
      return;
    }
    idle.offerFirst(connection);
    if (closed) {
      // close() may have drained the queue between the check above and the offer.
      drain();
    }
  }

  /** Closes a connection that failed. */
  void discard(Connection connection) {
    closeQuietly(connection);
  }

  @Override
  public void close() {
    closed = true;
    drain();
  }

  private void drain() {
    for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // The connection is being dropped; a failure to close it cleanly changes nothing for the caller.
    }
  }
}
