/* gv-params.h: everything that defines a run, apart from the engine's code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GV_MIN_NODES 2
#define GV_MAX_NODES 10000000
#define GV_MAX_ROUNDS 1000000
#define GV_MAX_RUMORS 30
#define GV_MAX_KEYS 64
#define GV_MAX_STOP_K 255
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
} GvTopologyKind;

typedef enum
{
  GV_EXCHANGE_PUSH,
  GV_EXCHANGE_PULL,
  GV_EXCHANGE_PUSH_PULL,
} GvExchange;

typedef enum
{
  GV_MODE_RUMOR,
  GV_MODE_ANTI_ENTROPY,
} GvMode;

typedef enum
{
  GV_STOP_NONE,
  GV_STOP_FEEDBACK_COUNTER,
  GV_STOP_BLIND_COUNTER,
  GV_STOP_FEEDBACK_COIN,
  GV_STOP_BLIND_COIN,
  GV_STOP_TTL,
} GvStopRule;

/* A rumour (rumour mode) or an update (anti-entropy mode) that appears at @node at the
 * end of @round, so that it spreads from round @round + 1.  @key is used by updates. */
typedef struct
{
  guint32 node;
  guint32 round;
  guint32 key;
} GvInjection;

typedef struct _GvParams GvParams;

struct _GvParams
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  guint32        n_nodes;
  GvTopologyKind topology;
  guint32        topology_k;     /* ring, regular, ws: k; ba: m */
  double         topology_p;     /* er, ws: p */
  GvExchange     exchange;
  GvMode         mode;
  guint32        fanout;
  GvStopRule     stop;
  guint32        stop_k;         /* counters and coins: K; ttl: H */
  double         loss;
  double         crash;
  double         recover;
  gboolean       recover_loses_state;
  guint32        max_rounds;
  guint64        seed;
  guint32        n_keys;         /* anti-entropy: keys in the replicated store */
  guint32        detail_cap;     /* record messages and state changes up to this many nodes */
  GArray        *injections;     /* GvInjection; empty means one at node 0, round 0, key 0 */
};

#define GV_TYPE_PARAMS (gv_params_get_type ())

GType        gv_params_get_type            (void) G_GNUC_CONST;
GvParams    *gv_params_new                 (void);
GvParams    *gv_params_copy                (const GvParams   *self);
GvParams    *gv_params_ref                 (GvParams         *self);
void         gv_params_unref               (GvParams         *self);
gboolean     gv_params_validate            (const GvParams   *self,
                                            GError          **error);
gboolean     gv_params_equal               (const GvParams   *a,
                                            const GvParams   *b);
void         gv_params_add_injection       (GvParams         *self,
                                            guint32           node,
                                            guint32           round,
                                            guint32           key);
guint        gv_params_get_n_injections    (const GvParams   *self);
GvInjection  gv_params_get_injection       (const GvParams   *self,
                                            guint             index);
guint32      gv_params_nominal_degree      (const GvParams   *self);

/* Textual forms, as grapevine-cli and run files spell them. */
gboolean     gv_params_parse_topology      (GvParams         *self,
                                            const char       *spec,
                                            GError          **error);
gboolean     gv_params_parse_stop          (GvParams         *self,
                                            const char       *spec,
                                            GError          **error);
gboolean     gv_params_parse_exchange      (GvParams         *self,
                                            const char       *spec,
                                            GError          **error);
gboolean     gv_params_parse_mode          (GvParams         *self,
                                            const char       *spec,
                                            GError          **error);
char        *gv_params_topology_to_string  (const GvParams   *self);
char        *gv_params_stop_to_string      (const GvParams   *self);
const char  *gv_exchange_to_string         (GvExchange        exchange);
const char  *gv_mode_to_string             (GvMode            mode);

JsonNode    *gv_params_to_json             (const GvParams   *self);
GvParams    *gv_params_from_json           (JsonNode         *node,
                                            GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GvParams, gv_params_unref)

G_END_DECLS
