package kr.compliance.pack;

import java.util.List;

/** The entries of a quarter's pack, in the order a pack holds them (docs/formats.md, the evidence pack). */
public final class PackEntries {

    public static final List<String> OF_2026Q3 = List.of(
            "manifest.json",
            "manifest.json.p7s",
            "signer.pem",
            "evidence-2026Q3.xlsx",
            "scores.csv",
            "findings.csv",
            "exceptions.csv",
            "changes.csv",
            "tests.csv",
            "incidents.csv",
            "notifications.csv",
            "postmortems.csv",
            "action_items.csv",
            "runbooks.csv",
            "rejected-records.csv");

    private PackEntries() {}
}
