/// The workbook from what `plan` and `periodise` publish: the same lines that
/// feed delivery_plans.csv (the missiv sheet) and sheets/<provider>.csv (the
/// provider sheets).
extension DeliveryPlanWorkbook {
    /// From a plan's delivery lines. `missiv` are the lines of delivery_plans.csv,
    /// `sent` those of sheets/ (``DeliverySheets``), `decided` the decided volume per
    /// missiv line when the plan periodises a decided missiv.
    public init(scenario: Scenario, problem: PlanningProblem, missiv: [DeliveryLines.Line], sent: [DeliveryLines.Line],
                decided: [Int]? = nil, inputs: [InputFile]) {
        let periods = (1...problem.periods).map {
            Period(label: problem.horizon.label(ofPeriod: $0), firstDay: problem.horizon.firstDay(ofPeriod: $0))
        }
        func line(_ line: DeliveryLines.Line, decided: Int?) -> Line {
            Line(administration: line.administration, provider: problem.providers[line.provider].id,
                 specialty: line.specialty, weekly: line.weekly, decided: decided)
        }
        let used = Set((missiv + sent).map(\.provider))
        self.init(scenario: scenario.name, periods: periods,
                  providers: problem.providers.indices.filter(used.contains).map {
                      Provider(id: problem.providers[$0].id, name: problem.providers[$0].name)
                  },
                  missiv: missiv.enumerated().map { line($1, decided: decided?[$0]) },
                  sent: sent.map { line($0, decided: nil) },
                  dataDate: scenario.snapshotDate, inputs: inputs)
    }

    /// `lotsa plan`: the published plan; the provider sheets leave out an
    /// administration's production at its own sites, as sheets/ does.
    public init(scenario: Scenario, problem: PlanningProblem, plan: Plan) {
        let lines = DeliveryLines(problem: problem, plan: plan).lines
        let sent = lines.filter { problem.providers[$0.provider].administration != $0.administration }
        self.init(scenario: scenario, problem: problem, missiv: lines, sent: sent, inputs: scenario.inputFiles)
    }

    /// `lotsa periodise`: every decided line, on the missiv sheet and the provider sheets.
    public init(scenario: Scenario, periodisation result: PeriodisationResult, decided: DecidedVolumes) {
        let lines = result.lines.map {
            DeliveryLines.Line(administration: $0.administration, provider: $0.provider, specialty: $0.specialty,
                               weekly: $0.weekly.map(Double.init))
        }
        self.init(scenario: scenario, problem: result.problem, missiv: lines, sent: lines,
                  decided: result.lines.map(\.decided), inputs: scenario.inputFiles + [decided.file])
    }
}
