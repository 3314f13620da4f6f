/// The tiny, valid scenario every fuzz input is planted into: one file of it is
/// replaced by the input, the rest stay as they are, so the loaders get past the
/// files they read first and reach the cross-file checks.
enum Template {
    /// The files, by path relative to the scenario folder, in the order of
    /// ``FuzzTarget`` (the first input byte picks one).
    static let files: [(path: String, text: String)] = [
        ("model/model.yaml", """
        name: tiny
        home_region: R
        description: A tiny region for fuzzing.

        """),
        ("model/administrations.csv", "id,name\nA,Admin A\nB,Admin B\n"),
        ("model/specialties.csv", "id,name\ns,Surgery\nt,Orthopaedics\n"),
        ("model/sites.csv", "id,name,administration,or_rooms,staffed_or_rooms\nSA,Site A,A,4,3\nSB,Site B,B,2,2\n"),
        ("model/site_capacity.csv", """
        site,specialty,rooms,cases_per_room_week,care_types,max_asa
        SA,s,1,2.5,,
        SB,s,0.5,4,outpatient,3
        SB,t,1,3,,

        """),
        ("model/contract_providers.csv", "id,name,owner_region\nP1,Clinic One,R\nP2,Neighbour Hospital,N\n"),
        ("model/contracts.csv", """
        provider,specialty,weekly_capacity,annual_ceiling,price,valid_from,valid_to,care_types,max_asa
        P1,s,2,6,1500.5,2026-04-01,2027-03-31,outpatient,2
        P2,t,1.5,,2000,,,,

        """),
        ("model/calendar.csv", "week,factor,scope\n15,0.5,sites\n16,0.8,all\n"),
        ("model/distances.csv", "administration,site,km\nA,SB,42.5\nB,SA,42.5\n"),
        ("scenario.yaml", """
        name: tiny
        model: model
        horizon: {start: 2026-W14, periods: 4}
        snapshot_date: 2026-03-30
        guarantee_days: 90
        waiting_list: waiting_list.csv
        forecast: forecast.csv
        capacity_changes: [capacity_changes.csv]
        forecast_scaling:
          - {specialty: t, factor: 1.5}
        policy:
          objective: lexicographic
          tiers: [overdue, other_region_volume, region_contract_volume, internal_transfers, cost, waiting]
          internal_transfers: allowed
          default_care_type: outpatient
          default_asa: 1
          priorities:
            - {group: "7", days: 7, weight: 16}
            - {group: "14", days: 14, weight: 8}
            - {group: "30", days: 30, weight: 4}
            - {group: "90", days: 90, weight: 1}
        expectations:
          - {kpi: kpis.beyond_guarantee_end, max: 100}

        """),
        ("waiting_list.csv", """
        administration,specialty,priority,care_type,asa,count,days_waited,target_date,guarantee_date
        A,s,7,,,6,7,,
        A,s,30,inpatient,2,2,10,,
        B,t,90,,,3,,2026-05-04,2026-06-29

        """),
        ("forecast.csv", "administration,specialty,priority,week,count\nA,s,14,2026-W15,2\nB,t,90,all,1\n"),
        ("capacity_changes.csv", """
        provider,specialty,first_week,last_week,factor,rooms_delta,cases_delta
        SA,s,2026-W15,2026-W16,,-0.5,
        P1,,2026-W17,2026-W17,0.5,,1

        """),
    ]
}
