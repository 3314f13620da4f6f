/// The routine's checklist at threatening or actual capacity shortage ("Checklista
/// vid hotande eller uppkommen kapacitetsbrist"), with the answers the data gives
/// filled in and the rest left for the people at each level.
public enum ShortageChecklist {
    public struct Item: Sendable, Hashable {
        /// `verksamhetsnivå`, `förvaltningsnivå` or `regionnivå`.
        public var level: String
        /// Whom the question concerns: "SkaS ort", "SkaS" or the region.
        public var scope: String
        public var question: String
        /// `Ja`, `Nej`, `Ej aktuellt`, or empty when people must answer.
        public var answer: String
        public var comment: String
        /// `data` when Lotsa answered from the inputs, `people` when it is left open.
        public var source: String
    }

    static func fill(_ assessment: ShortageAssessment, dayProblem: DayProblem, plan: Plan) -> [Item] {
        var items: [Item] = []
        let problem = dayProblem.problem
        let moves = assessment.redistribution.moves
        func data(_ level: String, _ scope: String, _ question: String, _ answer: String, _ comment: String) {
            items.append(Item(level: level, scope: scope, question: question, answer: answer, comment: comment, source: "data"))
        }
        func people(_ level: String, _ scope: String, _ question: String, _ comment: String = "") {
            items.append(Item(level: level, scope: scope, question: question, answer: "", comment: comment, source: "people"))
        }
        let rooms = Dictionary(uniqueKeysWithValues: assessment.prioritisation.rooms.map { ($0.specialty, $0) })

        // Verksamhetsnivå: each specialty of an administration that does not manage all.
        for line in assessment.lines where line.before.status != .managesAll {
            let scope = "\(line.administration!) \(line.specialty)"
            let sent = moves.filter { $0.administration == line.administration && $0.specialty == line.specialty }
                .reduce(0) { $0 + $1.patients }
            let helps = line.after.shortfall30 < line.before.shortfall30
            data("verksamhetsnivå", scope, "Finns det möjlighet att omplanera eller omfördela?", helps ? "Ja" : "Nej",
                 "förslaget skickar \(sent) patienter; brist inom 14/30 dagar \(line.before.shortfall14)/\(line.before.shortfall30)"
                    + " → \(line.after.shortfall14)/\(line.after.shortfall30)")
            people("verksamhetsnivå", scope, "Riskerar patientsäkerheten att påverkas?",
                   "\(line.after.shortfall14) patienter med måldatum inom 14 dagar och \(line.after.shortfall30) inom 30 dagar"
                    + " behandlas efter måldatum även efter omfördelning")
            people("verksamhetsnivå", scope, "Finns risk för ökad morbiditet eller mortalitet?")
            if line.after.shortfall30 == 0 {
                data("verksamhetsnivå", scope, "Går situationen att lösa genom tillförsel av resurser?", "Ej aktuellt",
                     "omfördelningen räcker; inga fler salar behövs")
            } else {
                let need = rooms[line.specialty]?.rooms30
                data("verksamhetsnivå", scope, "Går situationen att lösa genom tillförsel av resurser?",
                     need == nil ? "Nej" : "Ja",
                     need.map { "\($0) salar \(line.specialty) till (hela regionen) behandlar alla i tid inom 30 dagar" }
                        ?? "inga operationsdagar inom 30 dagar")
            }
            people("verksamhetsnivå", scope, "Specificera åtgärder och behov")
        }

        // Förvaltningsnivå: each administration with a specialty that does not manage all.
        for administration in assessment.administrations {
            let own = assessment.lines(of: administration)
            let failing = own.filter { $0.before.status != .managesAll }
            guard !failing.isEmpty else { continue }
            let spare = own.filter { $0.before.status == .managesAll && $0.before.capacity30 > $0.before.due30 }
                .map { "\($0.specialty) \($0.before.capacity30 - $0.before.due30) fall" }
            people("förvaltningsnivå", administration,
                   "Finns det möjlighet att omplanera eller omfördela mellan olika verksamhetsområden?",
                   spare.isEmpty ? "ingen egen kapacitet över inom 30 dagar i de rapporterade specialiteterna"
                                 : "egen kapacitet utöver patienter med måldatum inom 30 dagar: " + spare.joined(separator: ", "))
            var unused: [String] = []
            // Own capacity counts up to each shortage's binding day: what is left after
            // it cannot help the patients who would be late.
            for line in failing {
                let until = line.bindingDay ?? 30
                var capacity = 0, used = 0
                for (o, offer) in problem.offers.enumerated() where offer.specialty == line.specialty
                    && problem.providers[offer.provider].administration == administration {
                    capacity += offer.capacity.prefix(until).reduce(0, +)
                    used += plan.flows.filter { $0.offer == o && $0.period <= until }.reduce(0) { $0 + Int($1.cases.rounded()) }
                }
                if used < capacity {
                    unused.append("\(line.specialty) \(capacity - used) av \(capacity) fall till dag \(until)")
                }
            }
            data("förvaltningsnivå", administration, "Är alla tillgängliga resurser inom egen förvaltning uttömda?",
                 unused.isEmpty ? "Ja" : "Nej",
                 unused.isEmpty ? "förslaget använder all egen kapacitet fram till bristens sista måldatum i "
                                    + failing.map { "\($0.specialty) (dag \($0.bindingDay ?? 30))" }.joined(separator: ", ")
                                : "oanvänd egen kapacitet: " + unused.joined(separator: ", "))
            people("förvaltningsnivå", administration, "Har förändringar i arbetssätt som frigör kapacitet gjorts? Specificera")
            people("förvaltningsnivå", administration,
                   "Har åtgärder vidtagits men dessa frigör endast resurser för den akuta situationen och annan resurs/lösning måste skyndsamt tillkomma? Specificera")
            let sent = moves.filter { $0.administration == administration }
            var byProvider: [String: Int] = [:]
            for move in sent { byProvider[move.providerName, default: 0] += move.patients }
            people("förvaltningsnivå", administration, "Har samverkan med annan förvaltning/förvaltningar genomförts?",
                   sent.isEmpty ? "förslaget skickar inga patienter"
                                : "förslag: " + byProvider.keys.sorted().map { "\($0) \(byProvider[$0]!)" }.joined(separator: ", "))
        }

        // Regionnivå.
        let region = assessment.region
        let atRisk = assessment.lines.filter { $0.before.shortfall30 > 0 }
        data("regionnivå", region, "Råder kapacitetsbrist (risk att operationer med måldatum inom 30 dagar inte kan genomföras)?",
             assessment.capacityShortage ? "Ja" : "Nej",
             atRisk.isEmpty ? "alla förvaltningar klarar sina patienter med måldatum inom 30 dagar med egen kapacitet"
                            : atRisk.map { "\($0.administration!) \($0.specialty) \($0.before.shortfall30)" }.joined(separator: ", "))
        let redistribution = assessment.redistribution
        people("regionnivå", region,
               "Har möjligheterna via Operativa styrgruppen för tillgänglighet och produktion nyttjats? (Hjälp mellan förvaltningar, mer volymer på avtal, nya åtgärder på avtal, skicka högre prio-patienter, direktupphandlingar)",
               "förslaget: \(redistribution.total(kind: "other_administration")) patienter mellan förvaltningar, "
                + "\(redistribution.total(kind: "region_contract")) på regionens avtal, "
                + "\(redistribution.total(kind: "other_region_contract")) på andra regioners avtal")
        people("regionnivå", region, "Har annan regional samverkan och samordning skett? Specificera")
        let list = assessment.prioritisation
        let late = list.entries.reduce(0) { $0 + $1.late }
        data("regionnivå", region, "Krävs horisontell prioritering (steg 2)?", late > 0 ? "Ja" : "Nej",
             late == 0 ? "omfördelningen räcker för alla med måldatum inom 30 dagar"
                       : "\(late) patienter med måldatum inom 30 dagar behandlas efter måldatum även efter omfördelning; salar som skulle behövas: "
                        + list.rooms.filter { $0.late30 > 0 }
                            .map { "\($0.specialty) \($0.rooms30.map(String.init) ?? "–")" }.joined(separator: ", "))
        return items
    }
}
