/// The files `lotsa replan` writes beyond the output contract's tables, one function per file.
public enum ReplanTables {
    /// `changes.csv`: every line, its volume over the rest of the year before (plan in
    /// force) and after (re-plan), and for decreases the principle or the refusal.
    public static func changes(_ result: ReplanResult, dialect: CSVDialectOut = .standard) -> String {
        var csv = CSVWriter(header: ["administration", "provider", "specialty", "kind", "before", "after", "change",
                                     "requested", "proposed", "principle", "reason"], dialect: dialect)
        for change in result.changes {
            csv.append([change.line.administration, change.line.provider, change.line.specialty, change.kind,
                        String(change.before), String(change.after), change.decision.rawValue,
                        change.requested.map(String.init) ?? "", change.proposed.map(String.init) ?? "",
                        change.principles.map { String($0.rawValue) }.joined(separator: "+"), change.reason])
        }
        return csv.contents
    }

    /// `replacements.csv`: returned referrals per line and where their replacements go.
    public static func replacements(_ result: ReplanResult, dialect: CSVDialectOut = .standard) -> String {
        var csv = CSVWriter(header: ["administration", "provider", "specialty", "returned", "replaced_so_far",
                                     "week", "replacements", "unplaced"], dialect: dialect)
        for line in result.replacements {
            let head = [line.line.administration, line.line.provider, line.line.specialty, String(line.returned),
                        String(line.replacedSoFar)]
            if line.placed.isEmpty {
                csv.append(head + ["", "0", String(line.unplaced)])
            }
            for (index, placed) in line.placed.enumerated() {
                csv.append(head + [placed.week, String(placed.cases), index == line.placed.count - 1 ? String(line.unplaced) : "0"])
            }
        }
        return csv.contents
    }

    /// `principles.csv`: each administration's (and the region's) principle tests, with
    /// the weeks each is measured over: `beyond_guarantee_at_through` (KPI
    /// beyond_guarantee, end of the last week of `weeks_so_far`: principles 1 and 3),
    /// `beyond_guarantee_max_in_replan` (the most at the end of any week of
    /// `weeks_replan`: principle 1), `others_beyond_plan_so_far` (recorded sent − planned
    /// on the lines into its sites, `weeks_so_far`), `others_beyond_plan_in_replan`
    /// (requested raises of those lines above the plan in force, `weeks_replan`) and
    /// `took_over`: principle 2.
    public static func principles(_ result: ReplanResult, dialect: CSVDialectOut = .standard) -> String {
        var csv = CSVWriter(header: ["administration", "beyond_guarantee_at_through", "beyond_guarantee_max_in_replan",
                                     "others_beyond_plan_so_far", "others_beyond_plan_in_replan", "took_over",
                                     "principle_1", "principle_2", "principle_3", "weeks_so_far", "weeks_replan"],
                            dialect: dialect)
        let region = result.regionFindings
        let horizon = result.problem.horizon
        let soFar = "\(horizon.label(ofPeriod: 1))..\(horizon.label(ofPeriod: result.through))"
        let replanned = "\(horizon.label(ofPeriod: result.through + 1))..\(horizon.label(ofPeriod: result.problem.periods))"
        for administration in result.problem.administrations {
            guard let f = result.findings[administration] else { continue }
            csv.append([administration, String(f.beyondAtThrough), csv.number(f.beyondInReplan, decimals: 0),
                        String(f.relievedSoFar), csv.number(f.relievedInReplan, decimals: 0),
                        f.tookOver.joined(separator: "; "),
                        f.meetsGuarantee ? "holds" : "no", f.relieved ? "holds" : "no",
                        region.metGuaranteeSoFar ? "holds" : "no", soFar, replanned])
        }
        csv.append(["(region)", String(region.beyondAtThrough), csv.number(region.beyondInReplan, decimals: 0), "", "", "",
                    "", "", region.metGuaranteeSoFar ? "holds" : "no", soFar, replanned])
        return csv.contents
    }

    /// `summary.json` of a re-plan: the rest of the year's tiers and KPIs, how far the
    /// guarantee slips against the plan in force, the changes, and how each principle was tested.
    public static func summary(_ result: ReplanResult, scenario: Scenario, through: String, inputs: [InputFile]) -> JSONValue {
        let rest = result.rest
        let policy = rest.policy
        let order = policy.tiers + Tier.defaultOrder.filter { !policy.tiers.contains($0) }
        let tiers = JSONValue.array(order.map {
            .object([("name", .string($0.rawValue)), ("value", .number(result.evaluation.tiers[$0]!))])
        })
        var kpis = Summary.kpis(result.evaluation, policy: policy)
        if case .object(var entries) = kpis {
            if let inForce = result.beyondGuaranteeInForce {
                entries.append(("plan_in_force_beyond_guarantee_end", .number(inForce)))
                entries.append(("guarantee_slip", .number(result.evaluation.beyondGuaranteeAtEnd - inForce)))
            }
            kpis = .object(entries)
        }
        var guarantee: [(String, JSONValue)] = [
            ("replan_beyond_end", .number(result.evaluation.beyondGuaranteeAtEnd)),
            ("replan_patient_weeks", .number(result.beyondGuaranteeWeeks)),
        ]
        if let inForce = result.beyondGuaranteeInForce {
            guarantee += [("plan_in_force_beyond_end", .number(inForce)),
                          ("slip_end", .number(result.evaluation.beyondGuaranteeAtEnd - inForce))]
        }
        if let inForce = result.beyondGuaranteeWeeksInForce {
            guarantee += [("plan_in_force_patient_weeks", .number(inForce)),
                          ("slip_patient_weeks", .number(result.beyondGuaranteeWeeks - inForce))]
        }
        func count(_ decision: LineChange.Decision) -> JSONValue {
            .number(Double(result.changes.filter { $0.decision == decision && $0.kind != "own_production" }.count))
        }
        let returned = result.replacements.reduce(0) { $0 + $1.returned }
        let placed = result.replacements.reduce(0) { $0 + $1.placed.reduce(0) { $0 + $1.cases } }
        return .object([
            ("scenario", .string(scenario.name)),
            ("status", .string("optimal")),
            ("through", .string(through)),
            ("horizon", .object([
                ("start", .string(rest.horizon.label(ofPeriod: 1))),
                ("end", .string(rest.horizon.label(ofPeriod: rest.periods))),
                ("periods", .number(Double(rest.periods))),
            ])),
            ("tiers", .object([("integer", tiers)])),
            ("kpis", kpis),
            ("guarantee", .object(guarantee)),
            ("changes", .object([
                ("raised", count(.raised)), ("lowered", count(.lowered)), ("unchanged", count(.unchanged)),
                ("refused", count(.refused)),
                ("lowered_by_principle", .object(Principle.allCases.map { principle -> (String, JSONValue) in
                    (String(principle.rawValue), .number(Double(result.changes.filter {
                        $0.decision == .lowered && $0.principles.contains(principle)
                    }.count)))
                })),
                ("solves", .number(Double(result.solves))),
            ])),
            ("replacements", .object([
                ("returned", .number(Double(returned))),
                ("replaced_so_far", .number(Double(result.replacements.reduce(0) { $0 + $1.replacedSoFar }))),
                ("placed_in_replan", .number(Double(placed))),
                ("unplaced", .number(Double(result.replacements.reduce(0) { $0 + $1.unplaced }))),
            ])),
            ("outcomes", .object([
                ("line_weeks_as_planned", .number(Double(result.lineWeeksAsPlanned))),
                ("unmatched_cases", .number(Double(result.unmatchedCases))),
                ("waiting_list", .string(result.fromSnapshot ? "snapshot" : "brought_forward")),
            ])),
            ("principles", .array(Principle.allCases.map {
                .object([("number", .number(Double($0.rawValue))), ("name", .string($0.name)), ("test", .string($0.test))])
            })),
            ("unresolved", .number(Double(result.periodisation.unresolved))),
            ("inputs", .array(inputs.map {
                .object([("path", .string($0.path)), ("sha256", .string($0.sha256)), ("bytes", .number(Double($0.bytes)))])
            })),
        ])
    }
}
