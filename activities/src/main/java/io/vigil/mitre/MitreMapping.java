package io.vigil.mitre;

/**
 * One ATT&CK technique assigned to a detection, with how sure the mapping is and why.
 *
 * @param confidence from 0 to 1; see docs/mitre.md for how each rule computes it
 * @param evidence the flow features that drove the mapping, in words with their values, such as "16 flows to 14
 *     distinct destination ports of 1 host within 19 s, 0 response bytes"
 */
public record MitreMapping(String tacticId, String tacticName, String techniqueId, String techniqueName,
    double confidence, String evidence) {

  public MitreMapping {
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be from 0 to 1, was " + confidence);
    }
  }
}
