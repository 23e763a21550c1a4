package io.vigil.anomaly;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.anomaly.ExceptionRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyExceptionsTest {

  @Test
  void aLoneStarMatchesAnyValueAndAnEmptyPatternDoesNotRestrict() {
    AnomalyExceptions any = new AnomalyExceptions(List.of(new ExceptionRule(0, "*", "", null, "*")));
    assertTrue(any.matches("web01", "alice", "Logon", "10.0.0.1"));
    assertTrue(any.matches("", null, "", ""));
  }

  @Test
  void aPrefixPatternMatchesWholeValuesIgnoringCase() {
    AnomalyExceptions web = new AnomalyExceptions(List.of(new ExceptionRule(0, "web*", "*", "*", "*")));
    assertTrue(web.matches("web01", "alice", "Logon", "10.0.0.1"));
    assertTrue(web.matches("WEB-PROXY", "alice", "Logon", "10.0.0.1"));
    assertTrue(web.matches("web", "alice", "Logon", "10.0.0.1"));
    assertFalse(web.matches("oldweb01", "alice", "Logon", "10.0.0.1"));
  }

  @Test
  void aContainsPatternAndLiteralCharactersInOneRow() {
    AnomalyExceptions admins = new AnomalyExceptions(List.of(
        new ExceptionRule(0, "*", "*admin*", "FileDeleted", "10.0.0.*")));
    assertTrue(admins.matches("db01", "Admin", "filedeleted", "10.0.0.7"));
    assertTrue(admins.matches("db01", "svc-ADMIN-backup", "FileDeleted", "10.0.0.77"));
    assertFalse(admins.matches("db01", "adm", "FileDeleted", "10.0.0.7"));
    assertFalse(admins.matches("db01", "admin", "FileCreated", "10.0.0.7"));
    // The dots are literal: 10.0.0.* does not match 10.0.010.
    assertFalse(admins.matches("db01", "admin", "FileDeleted", "10.0.010"));
  }

  @Test
  void anyRowSuffices() {
    AnomalyExceptions rows = new AnomalyExceptions(List.of(
        new ExceptionRule(0, "web*", "", "", ""), new ExceptionRule(0, "", "svc*", "", "")));
    assertTrue(rows.matches("web01", "bob", "Logon", ""));
    assertTrue(rows.matches("db01", "svc-backup", "Logon", ""));
    assertFalse(rows.matches("db01", "bob", "Logon", ""));
    assertFalse(new AnomalyExceptions(List.of()).matches("web01", "bob", "Logon", ""));
  }
}
