package dev.sessionshop.web.labs;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * What one lab run did and found: every step (which instance, what was asked, what it answered), the
 * findings as named values that tests assert, and a conclusion in plain words built from those findings.
 */
public final class LabReport {

    /** One request of the run and what came of it. */
    public record Step(int number, String instance, String action, String outcome) {
    }

    private final String lab;
    private final String strategy;
    private final String servedBy;
    private final List<Step> steps = new ArrayList<>();
    private final JsonObjectBuilder findings = Json.createObjectBuilder();
    private final List<String> conclusion = new ArrayList<>();

    LabReport(String lab, String strategy, String servedBy) {
        this.lab = lab;
        this.strategy = strategy;
        this.servedBy = servedBy;
    }

    void step(String instance, String action, String outcome) {
        steps.add(new Step(steps.size() + 1, instance, action, outcome));
    }

    void finding(String name, boolean value) {
        findings.add(name, value);
    }

    void finding(String name, long value) {
        findings.add(name, value);
    }

    void finding(String name, JsonArrayBuilder value) {
        findings.add(name, value);
    }

    void conclude(String sentence) {
        conclusion.add(sentence);
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public JsonObject toJson() {
        JsonArrayBuilder stepArray = Json.createArrayBuilder();
        for (Step step : steps) {
            stepArray.add(Json.createObjectBuilder()
                    .add("number", step.number())
                    .add("instance", step.instance())
                    .add("action", step.action())
                    .add("outcome", step.outcome()));
        }
        return Json.createObjectBuilder()
                .add("lab", lab)
                .add("strategy", strategy)
                .add("servedBy", servedBy)
                .add("steps", stepArray)
                .add("findings", findings.build())
                .add("conclusion", String.join(" ", conclusion))
                .build();
    }
}
