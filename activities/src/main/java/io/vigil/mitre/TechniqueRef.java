package io.vigil.mitre;

/** A technique together with the tactic it is reported under (a technique may serve several tactics). */
public record TechniqueRef(String techniqueId, String tacticId) {}
