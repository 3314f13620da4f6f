// The only place Lotsa touches GLPK's C API.
//
// GLPK reports misuse and internal failures through glp_error(), which prints a
// message and calls abort() unless an error hook performs a non-local jump out of
// the library. Swift frames must never be unwound by longjmp, so every GLPK call
// that can fail runs inside one of the guarded C functions below: the setjmp and
// the longjmp both live in C, and Swift only sees a status code.
//
// After a caught error GLPK's environment is unusable and must be freed with
// glp_free_env(), which also frees every problem object created on this thread
// (GLPK keeps one environment per thread). The guarded functions do that, and
// report it through their return value, so the caller must forget its glp_prob.

#ifndef LOTSA_CGLPK_SHIM_H
#define LOTSA_CGLPK_SHIM_H

#include <glpk.h>
#include <setjmp.h>
#include <stddef.h>

/// Returned by the guarded calls when GLPK raised an error; the environment,
/// and with it every problem object of the calling thread, has been freed.
#define LOTSA_GLP_FAULT (-1)

typedef struct lotsa_glp_guard {
    jmp_buf target;
} lotsa_glp_guard;

static void lotsa_glp_error_hook(void *info) {
    lotsa_glp_guard *guard = (lotsa_glp_guard *)info;
    longjmp(guard->target, 1);
}

/// Routes GLPK's terminal output to `hook` (which returns non-zero to suppress
/// GLPK's own printing) for the calling thread.
static inline void lotsa_glp_set_term_hook(int (*hook)(void *info, const char *s), void *info) {
    glp_term_hook(hook, info);
}

/// Switches GLPK's own terminal output on or off for the calling thread.
static inline void lotsa_glp_term_out(int on) {
    glp_term_out(on ? GLP_ON : GLP_OFF);
}

/// Runs body(P, arg) with GLPK's error hook armed. Returns the body's result, or
/// LOTSA_GLP_FAULT after a GLPK error (the thread's environment is then freed).
#define LOTSA_GLP_GUARDED(call_expression)                                  \
    do {                                                                    \
        lotsa_glp_guard guard;                                              \
        volatile int lotsa_result = 0;                                      \
        if (setjmp(guard.target) != 0) {                                    \
            glp_free_env();                                                 \
            return LOTSA_GLP_FAULT;                                         \
        }                                                                   \
        glp_error_hook(lotsa_glp_error_hook, &guard);                       \
        lotsa_result = (call_expression);                                   \
        glp_error_hook(NULL, NULL);                                         \
        return lotsa_result;                                                \
    } while (0)

/// Creates a problem object; NULL after a GLPK fault.
static inline glp_prob *lotsa_glp_create_prob(void) {
    lotsa_glp_guard guard;
    if (setjmp(guard.target) != 0) {
        glp_free_env();
        return NULL;
    }
    glp_error_hook(lotsa_glp_error_hook, &guard);
    glp_prob *P = glp_create_prob();
    glp_error_hook(NULL, NULL);
    return P;
}

static inline int lotsa_glp_do_load(glp_prob *P, int m, int n,
                                    const int *row_type, const double *row_lb, const double *row_ub,
                                    const int *col_type, const double *col_lb, const double *col_ub,
                                    const int *col_kind, const double *objective, double objective_constant,
                                    int minimize, int nonzeros, const int *ia, const int *ja, const double *ar) {
    glp_set_obj_dir(P, minimize ? GLP_MIN : GLP_MAX);
    if (m > 0) glp_add_rows(P, m);
    if (n > 0) glp_add_cols(P, n);
    for (int i = 0; i < m; i++) glp_set_row_bnds(P, i + 1, row_type[i], row_lb[i], row_ub[i]);
    for (int j = 0; j < n; j++) {
        glp_set_col_bnds(P, j + 1, col_type[j], col_lb[j], col_ub[j]);
        if (col_kind[j] != GLP_CV) glp_set_col_kind(P, j + 1, col_kind[j]);
        if (objective[j] != 0.0) glp_set_obj_coef(P, j + 1, objective[j]);
    }
    glp_set_obj_coef(P, 0, objective_constant);
    /* ia, ja, ar are 1-based as GLPK requires: element 0 is unused. */
    glp_load_matrix(P, nonzeros, ia, ja, ar);
    return 0;
}

/// Loads a whole problem in one call: bounds, kinds, objective and the matrix
/// (glp_load_matrix, never coefficient by coefficient). Arrays are 0-based except
/// ia/ja/ar, which are 1-based as GLPK requires (element 0 unused).
static inline int lotsa_glp_load(glp_prob *P, int m, int n,
                                 const int *row_type, const double *row_lb, const double *row_ub,
                                 const int *col_type, const double *col_lb, const double *col_ub,
                                 const int *col_kind, const double *objective, double objective_constant,
                                 int minimize, int nonzeros, const int *ia, const int *ja, const double *ar) {
    LOTSA_GLP_GUARDED(lotsa_glp_do_load(P, m, n, row_type, row_lb, row_ub, col_type, col_lb, col_ub,
                                        col_kind, objective, objective_constant, minimize, nonzeros,
                                        ia, ja, ar));
}

static inline int lotsa_glp_simplex(glp_prob *P, const glp_smcp *parm) {
    LOTSA_GLP_GUARDED(glp_simplex(P, parm));
}

static inline int lotsa_glp_interior(glp_prob *P, const glp_iptcp *parm) {
    LOTSA_GLP_GUARDED(glp_interior(P, parm));
}

static inline int lotsa_glp_intopt(glp_prob *P, const glp_iocp *parm) {
    LOTSA_GLP_GUARDED(glp_intopt(P, parm));
}

static inline int lotsa_glp_adv_basis(glp_prob *P) {
    LOTSA_GLP_GUARDED((glp_adv_basis(P, 0), 0));
}

static inline int lotsa_glp_std_basis(glp_prob *P) {
    LOTSA_GLP_GUARDED((glp_std_basis(P), 0));
}

/// Scales the problem (glp_scale_prob), e.g. GLP_SF_AUTO before retrying a
/// simplex run that failed numerically.
static inline int lotsa_glp_scale_prob(glp_prob *P, int flags) {
    LOTSA_GLP_GUARDED((glp_scale_prob(P, flags), 0));
}

static inline int lotsa_glp_set_col_bnds(glp_prob *P, int j, int type, double lb, double ub) {
    LOTSA_GLP_GUARDED((glp_set_col_bnds(P, j, type, lb, ub), 0));
}

static inline int lotsa_glp_set_row_bnds(glp_prob *P, int i, int type, double lb, double ub) {
    LOTSA_GLP_GUARDED((glp_set_row_bnds(P, i, type, lb, ub), 0));
}

/// Replaces the whole objective (coefficients for columns 1..n and the constant).
static inline int lotsa_glp_do_set_objective(glp_prob *P, int n, const double *objective, double constant) {
    for (int j = 0; j < n; j++) glp_set_obj_coef(P, j + 1, objective[j]);
    glp_set_obj_coef(P, 0, constant);
    return 0;
}

static inline int lotsa_glp_set_objective(glp_prob *P, int n, const double *objective, double constant) {
    LOTSA_GLP_GUARDED(lotsa_glp_do_set_objective(P, n, objective, constant));
}

/// Appends one row; returns its 1-based index. ind/val are 1-based (element 0 unused).
static inline int lotsa_glp_do_add_row(glp_prob *P, int type, double lb, double ub, int len,
                                       const int *ind, const double *val) {
    int i = glp_add_rows(P, 1);
    glp_set_row_bnds(P, i, type, lb, ub);
    if (len > 0) glp_set_mat_row(P, i, len, ind, val);
    return i;
}

static inline int lotsa_glp_add_row(glp_prob *P, int type, double lb, double ub, int len,
                                    const int *ind, const double *val) {
    LOTSA_GLP_GUARDED(lotsa_glp_do_add_row(P, type, lb, ub, len, ind, val));
}

static inline int lotsa_glp_write_mps(glp_prob *P, const char *path) {
    LOTSA_GLP_GUARDED(glp_write_mps(P, GLP_MPS_FILE, NULL, path));
}

static inline int lotsa_glp_write_lp(glp_prob *P, const char *path) {
    LOTSA_GLP_GUARDED(glp_write_lp(P, NULL, path));
}

/* ---------------------------------------------------------------------------
 * Minimum-cost flow with RELAX-IV (glp_mincost_relax4), from plain arrays.
 *
 * The graph is built, solved and deleted inside one guarded call, so no GLPK
 * graph object ever outlives it. Nodes are 0-based here; arcs keep their order.
 * All data must be integral (RELAX-IV works in int arithmetic, |value| <=
 * INT_MAX/4); the Swift caller scales costs to whole numbers and checks the
 * limits before calling. Returns 0, GLP_ENOPFS (no feasible flow), GLP_EDATA,
 * GLP_ERANGE, or LOTSA_GLP_FAULT.
 */
typedef struct lotsa_flow_arc_data {
    double low, cap, cost, x, rc;
} lotsa_flow_arc_data;

typedef struct lotsa_flow_node_data {
    double rhs, pi;
} lotsa_flow_node_data;

static inline int lotsa_glp_do_relax4(int nodes, const double *supply, int arcs, const int *tail,
                                      const int *head, const double *low, const double *cap,
                                      const double *cost, double *flow, double *reduced_cost,
                                      glp_arc **handles) {
    glp_graph *G = glp_create_graph((int)sizeof(lotsa_flow_node_data), (int)sizeof(lotsa_flow_arc_data));
    if (nodes > 0) glp_add_vertices(G, nodes);
    for (int i = 0; i < nodes; i++) {
        ((lotsa_flow_node_data *)G->v[i + 1]->data)->rhs = supply[i];
        ((lotsa_flow_node_data *)G->v[i + 1]->data)->pi = 0.0;
    }
    for (int k = 0; k < arcs; k++) {
        glp_arc *a = glp_add_arc(G, tail[k] + 1, head[k] + 1);
        lotsa_flow_arc_data *d = (lotsa_flow_arc_data *)a->data;
        d->low = low[k];
        d->cap = cap[k];
        d->cost = cost[k];
        d->x = 0.0;
        d->rc = 0.0;
        handles[k] = a;
    }
    int ret = glp_mincost_okalg(G, (int)offsetof(lotsa_flow_node_data, rhs),
                                (int)offsetof(lotsa_flow_arc_data, low),
                                (int)offsetof(lotsa_flow_arc_data, cap),
                                (int)offsetof(lotsa_flow_arc_data, cost), NULL,
                                (int)offsetof(lotsa_flow_arc_data, x),
                                (int)offsetof(lotsa_flow_node_data, pi));
    if (ret == 0) {
        for (int k = 0; k < arcs; k++) {
            const lotsa_flow_arc_data *d = (const lotsa_flow_arc_data *)handles[k]->data;
            double pi_tail = ((const lotsa_flow_node_data *)handles[k]->tail->data)->pi;
            double pi_head = ((const lotsa_flow_node_data *)handles[k]->head->data)->pi;
            flow[k] = d->x;
            reduced_cost[k] = d->cost - pi_tail + pi_head;
        }
    }
    glp_delete_graph(G);
    return ret;
}

/// `handles` is scratch space for `arcs` pointers, owned by the caller.
static inline int lotsa_glp_relax4(int nodes, const double *supply, int arcs, const int *tail,
                                   const int *head, const double *low, const double *cap,
                                   const double *cost, double *flow, double *reduced_cost,
                                   glp_arc **handles) {
    LOTSA_GLP_GUARDED(lotsa_glp_do_relax4(nodes, supply, arcs, tail, head, low, cap, cost, flow,
                                          reduced_cost, handles));
}

#endif
