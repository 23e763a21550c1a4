package io.vigil.mitre;

import io.vigil.config.CsvTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ATT&CK Enterprise techniques and tactics bundled under {@code /mitre/} on the classpath (see the README there
 * for their origin and licence). Every technique's tactics must be in the tactics file; a malformed row stops the
 * load with the file, line and reason, because a mapping that silently lost a technique would mislabel detections.
 */
public final class AttackCatalog {

  /** The ATT&CK release of the bundled files, which do not carry it themselves. */
  public static final String VERSION = "v18.1";

  static final String TACTICS_FILE = "enterprise_attack_tactics.csv";
  static final String TECHNIQUES_FILE = "enterprise_attack_techniques.csv";
  private static final String RESOURCE_FOLDER = "/mitre/";

  private static final Pattern TACTIC_ID = Pattern.compile("TA\\d{4}");
  private static final Pattern TECHNIQUE_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");

  private final Map<String, AttackTactic> tactics;
  private final Map<String, AttackTechnique> techniques;

  private AttackCatalog(Map<String, AttackTactic> tactics, Map<String, AttackTechnique> techniques) {
    this.tactics = Collections.unmodifiableMap(tactics);
    this.techniques = Collections.unmodifiableMap(techniques);
  }

  /** The catalog bundled with Vigil (ATT&CK {@value #VERSION}). */
  public static AttackCatalog bundled() {
    return parse(resource(TACTICS_FILE), resource(TECHNIQUES_FILE));
  }

  /** A catalog from the text of the two files, in the bundled files' format. */
  static AttackCatalog parse(String tacticsCsv, String techniquesCsv) {
    Map<String, AttackTactic> tactics = new LinkedHashMap<>();
    Table tacticTable = new Table(CsvTable.parse(TACTICS_FILE, tacticsCsv), "tactic_id", "name", "shortname");
    for (CsvTable.Row row : tacticTable.rows()) {
      String id = tacticTable.cell(row, "tactic_id", TACTIC_ID, "a tactic id such as TA0007");
      AttackTactic tactic = new AttackTactic(id, tacticTable.cell(row, "name"), tacticTable.cell(row, "shortname"));
      if (tactics.putIfAbsent(id, tactic) != null) {
        throw tacticTable.error(row, "tactic " + id + " appears twice");
      }
    }
    Map<String, AttackTechnique> techniques = new LinkedHashMap<>();
    Table techniqueTable = new Table(CsvTable.parse(TECHNIQUES_FILE, techniquesCsv), "technique_id", "name",
        "tactic_ids");
    for (CsvTable.Row row : techniqueTable.rows()) {
      String id = techniqueTable.cell(row, "technique_id", TECHNIQUE_ID,
          "a technique id such as T1046 or T1021.002");
      List<AttackTactic> served = new ArrayList<>();
      for (String tacticId : techniqueTable.cell(row, "tactic_ids").split(";")) {
        AttackTactic tactic = tactics.get(tacticId.strip());
        if (tactic == null) {
          throw techniqueTable.error(row, "technique " + id + " names tactic '" + tacticId.strip() + "', which is not in "
              + TACTICS_FILE);
        }
        served.add(tactic);
      }
      AttackTechnique technique = new AttackTechnique(id, techniqueTable.cell(row, "name"), served);
      if (techniques.putIfAbsent(id, technique) != null) {
        throw techniqueTable.error(row, "technique " + id + " appears twice");
      }
    }
    return new AttackCatalog(tactics, techniques);
  }

  private static String resource(String file) {
    try (InputStream in = AttackCatalog.class.getResourceAsStream(RESOURCE_FOLDER + file)) {
      if (in == null) {
        throw new IllegalStateException("the ATT&CK catalog file " + RESOURCE_FOLDER + file
            + " is not on the classpath; it ships in the vigil-activities jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the ATT&CK catalog file " + RESOURCE_FOLDER + file + ": "
          + e.getMessage(), e);
    }
  }

  public Optional<AttackTechnique> technique(String id) {
    return Optional.ofNullable(techniques.get(id));
  }

  public Optional<AttackTactic> tactic(String id) {
    return Optional.ofNullable(tactics.get(id));
  }

  /** Every technique and sub-technique, in file order. */
  public Collection<AttackTechnique> techniques() {
    return techniques.values();
  }

  /** Every tactic, in file order. */
  public Collection<AttackTactic> tactics() {
    return tactics.values();
  }

  /** A CSV table whose required columns have been found, with errors that name the file and line. */
  private record Table(CsvTable csv, Map<String, Integer> columns) {

    Table(CsvTable csv, String... required) {
      this(csv, columns(csv, required));
    }

    private static Map<String, Integer> columns(CsvTable csv, String... required) {
      Map<String, Integer> columns = new LinkedHashMap<>();
      for (String name : required) {
        int index = csv.header().indexOf(name);
        if (index < 0) {
          throw new IllegalArgumentException(csv.file() + " line " + csv.headerLine() + ": the header has no column "
              + name + "; expected the columns " + String.join(", ", required));
        }
        columns.put(name, index);
      }
      return columns;
    }

    List<CsvTable.Row> rows() {
      for (CsvTable.Row row : csv.rows()) {
        if (row.cells().size() != csv.header().size()) {
          throw error(row, "the row has " + row.cells().size() + " cells but the header has " + csv.header().size());
        }
      }
      return csv.rows();
    }

    /** The non-empty value of {@code column} in {@code row}. */
    String cell(CsvTable.Row row, String column) {
      String value = row.cells().get(columns.get(column)).strip();
      if (value.isEmpty()) {
        throw error(row, "column " + column + " is empty");
      }
      return value;
    }

    /** The value of {@code column} in {@code row}, which must match {@code format}. */
    String cell(CsvTable.Row row, String column, Pattern format, String expected) {
      String value = cell(row, column);
      if (!format.matcher(value).matches()) {
        throw error(row, "column " + column + " is '" + value + "', not " + expected);
      }
      return value;
    }

    IllegalArgumentException error(CsvTable.Row row, String reason) {
      return new IllegalArgumentException(csv.file() + " line " + row.line() + ": " + reason);
    }
  }
}
