// The LEMON reference of `lotsa benchmark`: solves the networks that
// `lotsa plan --write-network DIR` writes, step by step, with LEMON's
// NetworkSimplex (block search pivot rule, arc mixing on, a cold start each step),
// fixing the optimal face between steps as Lotsa does: after step k every arc with
// a non-zero reduced cost keeps its flow (lower = upper = flow).
//
// Usage: lemon_reference DIR     (DIR holds index.csv, <block>.min, <block>.costs.csv)
// Prints one JSON object per block and line:
//   {"specialty": "...", "status": "optimal", "steps": [{"name": "...", "value": V, "seconds": S, "cpu_seconds": C}, ...]}
// V is the step's optimum in the plan's units (Σ cost · flow / factor); S times
// NetworkSimplex::run() alone (its initialisation and pivots), not reading files,
// and C ("cpu_seconds") is the CPU time of the same call.
//
// Built by scripts/benchmark with the system compiler:
//   g++ -O2 -std=c++17 -o lemon_reference Benchmarks/lemon/lemon_reference.cpp
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using Graph = lemon::SmartDigraph;
using Simplex = lemon::NetworkSimplex<Graph, int64_t, int64_t>;

static std::vector<std::string> csvFields(const std::string &line) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') { field += '"'; ++i; }
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') quoted = true;
        else if (c == ',') { fields.push_back(field); field.clear(); }
        else if (c != '\r') field += c;
    }
    fields.push_back(field);
    return fields;
}

static std::vector<std::string> split(const std::string &text, char separator) {
    std::vector<std::string> parts;
    std::stringstream stream(text);
    std::string part;
    while (std::getline(stream, part, separator)) parts.push_back(part);
    return parts;
}

static std::string jsonString(const std::string &text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') { out += '\\'; out += c; }
        else if (static_cast<unsigned char>(c) < 0x20) { char buffer[8]; std::snprintf(buffer, sizeof buffer, "\\u%04x", c); out += buffer; }
        else out += c;
    }
    return out + "\"";
}

// The CPU time this thread has used: on a shared machine, elapsed time includes
// waiting for a core, CPU time much less so.
static double threadCPUSeconds() {
    timespec time;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
    return time.tv_sec + time.tv_nsec * 1e-9;
}

struct Network {
    int nodes = 0;
    std::vector<int64_t> supply;
    std::vector<int> tail, head;
    std::vector<int64_t> low, cap;
};

static bool readDimacs(const std::string &path, Network &network) {
    std::ifstream in(path);
    if (!in) return false;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == 'c') continue;
        std::istringstream fields(line);
        char kind;
        fields >> kind;
        if (kind == 'p') {
            std::string problem;
            long arcs;
            fields >> problem >> network.nodes >> arcs;
            network.supply.assign(network.nodes, 0);
            network.tail.reserve(arcs); network.head.reserve(arcs);
            network.low.reserve(arcs); network.cap.reserve(arcs);
        } else if (kind == 'n') {
            int v; int64_t s;
            fields >> v >> s;
            network.supply[v - 1] = s;
        } else if (kind == 'a') {
            int u, v; int64_t l, c, cost;
            fields >> u >> v >> l >> c >> cost;
            network.tail.push_back(u - 1); network.head.push_back(v - 1);
            network.low.push_back(l); network.cap.push_back(c);
        }
    }
    return true;
}

static bool readCosts(const std::string &path, size_t arcs, std::vector<std::string> &names,
                      std::vector<std::vector<int64_t>> &costs) {
    std::ifstream in(path);
    if (!in) return false;
    std::string line;
    if (!std::getline(in, line)) return false;
    auto header = csvFields(line);
    names.assign(header.begin() + 1, header.end());
    costs.assign(names.size(), std::vector<int64_t>());
    for (auto &column : costs) column.reserve(arcs);
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const char *p = line.c_str();
        char *end;
        std::strtoll(p, &end, 10);  // the arc number
        for (size_t k = 0; k < names.size(); ++k) {
            p = end + 1;
            costs[k].push_back(std::strtoll(p, &end, 10));
        }
    }
    return true;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        std::cerr << "usage: lemon_reference DIR (written by lotsa plan --write-network DIR)\n";
        return 64;
    }
    std::string directory = argv[1];
    std::ifstream index(directory + "/index.csv");
    if (!index) { std::cerr << directory << "/index.csv: cannot read\n"; return 66; }
    std::string line;
    std::getline(index, line);  // header
    while (std::getline(index, line)) {
        if (line.empty()) continue;
        auto row = csvFields(line);
        if (row.size() < 7) { std::cerr << "index.csv: short row: " << line << "\n"; return 65; }
        const std::string &specialty = row[0];
        if (row[1].empty()) {
            std::cout << "{\"specialty\": " << jsonString(specialty) << ", \"status\": \"skipped\", \"steps\": []}\n";
            continue;
        }
        Network network;
        std::vector<std::string> names;
        std::vector<std::vector<int64_t>> costs;
        if (!readDimacs(directory + "/" + row[1], network) ||
            !readCosts(directory + "/" + row[2], network.tail.size(), names, costs)) {
            std::cerr << directory << ": cannot read the files of " << specialty << "\n";
            return 66;
        }
        std::vector<double> factors;
        for (auto &text : split(row[6], ';')) factors.push_back(std::stod(text));

        Graph graph;
        graph.reserveNode(network.nodes);
        graph.reserveArc(network.tail.size());
        std::vector<Graph::Node> nodes;
        for (int v = 0; v < network.nodes; ++v) nodes.push_back(graph.addNode());
        std::vector<Graph::Arc> arcs;
        for (size_t k = 0; k < network.tail.size(); ++k) arcs.push_back(graph.addArc(nodes[network.tail[k]], nodes[network.head[k]]));
        Graph::NodeMap<int64_t> supply(graph);
        for (int v = 0; v < network.nodes; ++v) supply[nodes[v]] = network.supply[v];
        Graph::ArcMap<int64_t> lower(graph), upper(graph), cost(graph);
        for (size_t k = 0; k < arcs.size(); ++k) { lower[arcs[k]] = network.low[k]; upper[arcs[k]] = network.cap[k]; }

        std::cout << "{\"specialty\": " << jsonString(specialty) << ", ";
        std::string status = "optimal";
        std::ostringstream steps;
        for (size_t step = 0; step < costs.size(); ++step) {
            for (size_t k = 0; k < arcs.size(); ++k) cost[arcs[k]] = costs[step][k];
            Simplex simplex(graph);  // a cold start: nothing kept from the step before
            simplex.lowerMap(lower).upperMap(upper).costMap(cost).supplyMap(supply);
            auto start = std::chrono::steady_clock::now();
            double startCPU = threadCPUSeconds();
            auto result = simplex.run(Simplex::BLOCK_SEARCH);
            double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            double cpuSeconds = threadCPUSeconds() - startCPU;
            if (result != Simplex::OPTIMAL) { status = result == Simplex::INFEASIBLE ? "infeasible" : "unbounded"; break; }
            long double total = 0;
            for (size_t k = 0; k < arcs.size(); ++k) total += (long double)costs[step][k] * simplex.flow(arcs[k]);
            double value = (double)(total / factors[step]);
            char buffer[256];
            std::snprintf(buffer, sizeof buffer, "{\"name\": %s, \"value\": %.17g, \"seconds\": %.6f, \"cpu_seconds\": %.6f}",
                          jsonString(names[step]).c_str(), value, seconds, cpuSeconds);
            steps << (step ? ", " : "") << buffer;
            // The optimal face: arcs with a non-zero reduced cost keep their flow.
            if (step + 1 < costs.size()) {
                for (size_t k = 0; k < arcs.size(); ++k) {
                    int64_t reduced = costs[step][k] + simplex.potential(nodes[network.tail[k]])
                                      - simplex.potential(nodes[network.head[k]]);
                    if (reduced != 0) { lower[arcs[k]] = upper[arcs[k]] = simplex.flow(arcs[k]); }
                }
            }
        }
        std::cout << "\"status\": \"" << status << "\", \"steps\": [" << steps.str() << "]}\n";
        std::cout.flush();
    }
    return 0;
}
