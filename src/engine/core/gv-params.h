/* gv-params.h: everything that defines a run, apart from the engine's code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core's parameters (the network, the faults, the seed) are fields; a protocol's
 * are values in the order of its declarations (gv-protocol.h), read and written by
 * name through the functions below, which the CLI, run files, settings and the sidebar
 * all go through.
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "gv-protocol.h"

G_BEGIN_DECLS

#define GV_MIN_NODES 2
#define GV_MAX_NODES 10000000
#define GV_MAX_ROUNDS 1000000
#define GV_MAX_INJECTIONS 100000
#define GV_DEFAULT_DETAIL_CAP 4096

typedef enum
{
  GV_TOPOLOGY_COMPLETE,
  GV_TOPOLOGY_RING,       /* ring lattice, k neighbours (k even) */
  GV_TOPOLOGY_REGULAR,    /* random k-regular */
  GV_TOPOLOGY_ER,         /* Erdős–Rényi G(n, p) */
  GV_TOPOLOGY_WS,         /* Watts–Strogatz, k neighbours, rewiring p */
  GV_TOPOLOGY_BA,         /* Barabási–Albert, m edges per new node */
  GV_TOPOLOGY_GRID,       /* 2-D grid, 4-neighbourhood */
  GV_N_TOPOLOGIES
} GvTopologyKind;

/* News (a rumour, an update of key @arg) that appears at @node at the end of @round,
 * so that it spreads from round @round + 1. */
typedef struct
{
  guint32 node;
  guint32 round;
  guint32 arg;
} GvInjection;

struct _GvParams
{
  /*< private >*/
  gatomicrefcount   ref_count;

  /*< public >*/
  const GvProtocol *protocol;
  guint32           n_nodes;
  GvTopologyKind    topology;
  guint32           topology_k;     /* ring, regular, ws: k; ba: m */
  double            topology_p;     /* er, ws: p */
  guint32           fanout;
  double            loss;
  double            crash;
  double            recover;
  gboolean          recover_loses_state;
  guint32           max_rounds;
  guint64           seed;
  guint32           detail_cap;     /* record messages and state changes up to this many nodes */
  GArray           *injections;     /* GvInjection; empty means one at node 0, round 0 */
  GvParamValue      values[GV_MAX_PROTOCOL_PARAMS];  /* the protocol's, in its order */
};

#define GV_TYPE_PARAMS (gv_params_get_type ())

GType        gv_params_get_type            (void) G_GNUC_CONST;
/* The default protocol with its defaults. */
GvParams    *gv_params_new                 (void);
GvParams    *gv_params_new_for             (const GvProtocol *protocol);
GvParams    *gv_params_copy                (const GvParams   *self);
GvParams    *gv_params_ref                 (GvParams         *self);
void         gv_params_unref               (GvParams         *self);
gboolean     gv_params_validate            (const GvParams   *self,
                                            GError          **error);
gboolean     gv_params_equal               (const GvParams   *a,
                                            const GvParams   *b);

/* Switches to @protocol: its parameters take their defaults, except those of the same
 * name and type that the old protocol had, which keep their values. */
void         gv_params_set_protocol        (GvParams         *self,
                                            const GvProtocol *protocol);
/* The protocol's parameter @index. */
const GvParamValue *gv_params_get_value    (const GvParams   *self,
                                            guint             index);
void         gv_params_set_value           (GvParams         *self,
                                            guint             index,
                                            const GvParamValue *value);
/* A protocol parameter by name, as the CLI and files spell its value ("feedback-coin:2",
 * "push-pull", "4", "true"). */
gboolean     gv_params_set                 (GvParams         *self,
                                            const char       *name,
                                            const char       *text,
                                            GError          **error);
char        *gv_params_get                 (const GvParams   *self,
                                            const char       *name);
/* Shorthands for a protocol's own code, by index. */
gint64       gv_params_int                 (const GvParams   *self,
                                            guint             index);
guint        gv_params_choice              (const GvParams   *self,
                                            guint             index);
double       gv_params_choice_arg          (const GvParams   *self,
                                            guint             index,
                                            guint             arg);

void         gv_params_add_injection       (GvParams         *self,
                                            guint32           node,
                                            guint32           round,
                                            guint32           arg);
guint        gv_params_get_n_injections    (const GvParams   *self);
GvInjection  gv_params_get_injection       (const GvParams   *self,
                                            guint             index);
guint32      gv_params_nominal_degree      (const GvParams   *self);
/* About how many edge ends (twice the edges) the network has: n (n - 1) p on er, else n
 * times the nominal degree. */
double       gv_params_edge_ends           (const GvParams   *self);
/* Whether runs record every message and state change: the network is within the
 * detail cap. */
gboolean     gv_params_has_detail          (const GvParams   *self);
/* How many values the argument of the protocol's news takes, from 0 to one less: the
 * value of its INT parameter GvInjectionSpec.arg_bound (0 when that is below 1);
 * G_MAXUINT32 when no parameter bounds it; 0 when the news takes no argument. */
guint32      gv_params_injection_arg_limit (const GvParams   *self);
/* Whether @node is one of the network's, with a sentence saying why not. */
gboolean     gv_params_check_node          (const GvParams   *self,
                                            guint32           node,
                                            GError          **error);

/* Values of one declared parameter. */
void         gv_param_default              (const GvParamSpec *spec,
                                            GvParamValue      *value);
gboolean     gv_param_parse                (const GvParamSpec *spec,
                                            const char        *text,
                                            GvParamValue      *value,
                                            GError           **error);
char        *gv_param_to_string            (const GvParamSpec *spec,
                                            const GvParamValue *value);
/* "Feedback counter, K = 2", "20%", "3": for a person. */
char        *gv_param_describe             (const GvParamSpec *spec,
                                            const GvParamValue *value);
gboolean     gv_param_value_equal          (const GvParamSpec *spec,
                                            const GvParamValue *a,
                                            const GvParamValue *b);
gboolean     gv_param_check                (const GvParamSpec *spec,
                                            const GvParamValue *value,
                                            GError           **error);
/* The index of the choice spelled @id, or -1. */
gint         gv_param_find_choice          (const GvParamSpec *spec,
                                            const char        *id);
/* How a choice is written: "feedback-counter:K". */
char        *gv_param_choice_usage         (const GvParamChoice *choice);
/* Every choice of @spec so written: "none, feedback-counter:K, … or ttl:H". */
char        *gv_param_choices_list         (const GvParamSpec *spec);

/* Textual forms of the core's parameters, as grapevine-cli and run files spell them. */
gboolean     gv_params_parse_topology      (GvParams         *self,
                                            const char       *spec,
                                            GError          **error);
char        *gv_params_topology_to_string  (const GvParams   *self);

/* A file name's stem for a run of @self, from its declarations: the protocol's id, its
 * parameters that say themselves (the exchange) and those that differ from their
 * defaults, then the core's that differ from @defaults' (NULL: the engine's), e.g.
 * "rumor-push-pull-fanout-2-loss-10".  Only [a-z0-9.-], at most 120 characters. */
char        *gv_params_file_stem           (const GvParams   *self,
                                            const GvParams   *defaults);

/* The params object of a run file, format 2 (the protocol by id, its parameters by
 * name) and format 1 (0.1.0's "mode", "protocol" for the exchange, "stop", "keys"). */
JsonNode    *gv_params_to_json             (const GvParams   *self);
GvParams    *gv_params_from_json           (JsonNode         *node,
                                            GError          **error);
GvParams    *gv_params_from_json_v1        (JsonNode         *node,
                                            GError          **error);

/* The shortest decimal that reads back as the same double. */
const char  *gv_format_double              (char             *buf,
                                            gsize             size,
                                            double            v);
/* A number as the CLI and files write one: digits and ".eE+-" only (no spaces, hex, "nan"
 * or "inf"), all of @text read.  It may be infinite ("1e999"): callers say so their way. */
gboolean     gv_parse_decimal              (const char       *text,
                                            double           *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GvParams, gv_params_unref)

G_END_DECLS
