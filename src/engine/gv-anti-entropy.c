/* gv-anti-entropy.c: anti-entropy over a replicated, versioned key-value store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every node holds a replica of a store of n_keys entries (key -> value, version).  An
 * update at a node writes a new value under the next version of its key.  When two
 * nodes exchange, the receiver keeps, key by key, the higher version (Demers et al.
 * 1987, section 1.3).  Messages carry the sender's whole replica as it was at the end
 * of the previous round, so the replicas are kept twice and swapped every round.
 */

#define G_LOG_DOMAIN "gv-anti-entropy"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "gv-engine-private.h"
#include "gv-error.h"

typedef struct
{
  guint     n_keys;
  guint32  *versions[2];   /* n_nodes × n_keys; [r & 1] is the state at the end of round r */
  guint32  *ever;          /* only when recovery loses state: the highest version held */
  guint32  *since;         /* round since which the node holds the newest data */
  guint32   latest[GV_MAX_KEYS];
  GArray   *inject_round[GV_MAX_KEYS];  /* guint32 by version */
  GArray   *values[GV_MAX_KEYS];        /* guint64 by version */
  guint32  *peers;
} AntiEntropy;

static inline guint32 *
replica (AntiEntropy *A,
         guint32      round,
         guint32      node)
{
  return A->versions[round & 1] + (gsize) node * A->n_keys;
}

static inline gboolean
has_newer (const guint32 *a,
           const guint32 *b,
           guint          n_keys)
{
  for (guint k = 0; k < n_keys; k++)
    if (a[k] > b[k])
      return TRUE;
  return FALSE;
}

static gboolean
holds_newest (AntiEntropy   *A,
              const guint32 *rep)
{
  for (guint k = 0; k < A->n_keys; k++)
    if (rep[k] != A->latest[k])
      return FALSE;
  return TRUE;
}

static void
ae_init (GvEngine *engine)
{
  AntiEntropy *A = g_new0 (AntiEntropy, 1);
  gsize cells = (gsize) engine->n_nodes * engine->params->n_keys;

  A->n_keys = engine->params->n_keys;
  A->versions[0] = g_new0 (guint32, cells);
  A->versions[1] = g_new0 (guint32, cells);
  if (engine->params->recover_loses_state)
    A->ever = g_new0 (guint32, cells);
  A->since = g_new0 (guint32, engine->n_nodes);
  A->peers = g_new (guint32, (gsize) engine->n_shards * engine->params->fanout);

  for (guint k = 0; k < A->n_keys; k++)
    {
      guint32 zero = 0;
      guint64 initial = 0;

      A->inject_round[k] = g_array_new (FALSE, FALSE, sizeof (guint32));
      A->values[k] = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_array_append_val (A->inject_round[k], zero);
      g_array_append_val (A->values[k], initial);
    }

  engine->protocol_data = A;
}

static void
ae_finalize (GvEngine *engine)
{
  AntiEntropy *A = engine->protocol_data;

  g_free (A->versions[0]);
  g_free (A->versions[1]);
  g_free (A->ever);
  g_free (A->since);
  g_free (A->peers);
  for (guint k = 0; k < A->n_keys; k++)
    {
      g_array_unref (A->inject_round[k]);
      g_array_unref (A->values[k]);
    }
  g_clear_pointer (&engine->protocol_data, g_free);
}

static void
ae_reset_node (GvEngine *engine,
               guint32   node)
{
  AntiEntropy *A = engine->protocol_data;

  /* Within a round this runs before begin_round carries the last state over. */
  guint32 visible = engine->in_round ? engine->now - 1 : engine->now;

  memset (replica (A, visible, node), 0, sizeof (guint32) * A->n_keys);
  A->since[node] = GV_NEVER;
}

static void
ae_begin_round (GvShard *shard)
{
  GvEngine *engine = shard->engine;
  AntiEntropy *A = engine->protocol_data;

  memcpy (replica (A, engine->now, shard->begin), replica (A, engine->now - 1, shard->begin),
          sizeof (guint32) * A->n_keys * (shard->end - shard->begin));
}

static void
ae_send (GvShard *shard)
{
  GvEngine *engine = shard->engine;
  const GvParams *p = engine->params;
  AntiEntropy *A = engine->protocol_data;
  const guint32 r = engine->now;
  const gboolean push = p->exchange != GV_EXCHANGE_PULL;
  const gboolean pull = p->exchange != GV_EXCHANGE_PUSH;
  const gboolean detail = engine->detail;
  const guint64 loss = engine->loss_threshold;
  const guint8 *alive = engine->alive;
  guint32 *peers = A->peers + (gsize) shard->index * p->fanout;
  GvTally *t = &shard->tally;

  for (guint32 u = shard->begin; u < shard->end; u++)
    {
      const guint32 *mine = replica (A, r - 1, u);
      guint32 n_peers;
      GvRng rng, loss_rng = { 0 };

      if (!alive[u])
        continue;

      gv_rng_init (&rng, engine->seed_key, u, r, GV_RNG_PURPOSE_PEERS);
      if (loss != 0)
        gv_rng_init (&loss_rng, engine->seed_key, u, r, GV_RNG_PURPOSE_LOSS);
      n_peers = gv_engine_pick_peers (engine, &rng, u, peers);

      for (guint32 k = 0; k < n_peers; k++)
        {
          guint32 v = peers[k];
          const guint32 *theirs = replica (A, r - 1, v);

          t->sent++;
          t->carrying += push;
          if (detail)
            engine->node_sent[u]++;

          if (loss != 0 && gv_rng_chance (&loss_rng, loss))
            {
              t->lost++;
              if (detail)
                gv_shard_record_message (shard, u, v, GV_MESSAGE_LOST, push);
              continue;
            }

          if (!alive[v])
            {
              t->dead++;
              if (detail)
                gv_shard_record_message (shard, u, v, GV_MESSAGE_DEAD, push);
              continue;
            }

          if (push)
            {
              if (detail || has_newer (mine, theirs, A->n_keys))
                gv_shard_post (shard, v, u, GV_MSG_MERGE, 0, 0);
              else
                t->redundant++;
            }
          else if (detail)
            gv_shard_record_message (shard, u, v, GV_MESSAGE_REQUEST, FALSE);

          if (!pull)
            continue;

          /* The reply: v's replica, as it was at the end of the last round. */
          t->sent++;
          t->carrying++;
          if (detail)
            gv_shard_post (shard, v, u, GV_MSG_FEEDBACK, 0, 0);

          if (loss != 0 && gv_rng_chance (&loss_rng, loss))
            {
              t->lost++;
              if (detail)
                gv_shard_record_message (shard, v, u, GV_MESSAGE_LOST, TRUE);
              continue;
            }

          if (detail || has_newer (theirs, mine, A->n_keys))
            gv_shard_post (shard, u, v, GV_MSG_MERGE, 0, 0);
          else
            t->redundant++;
        }
    }
}

static void
ae_deliver_one (GvShard     *shard,
                const GvMsg *msg)
{
  GvEngine *engine = shard->engine;
  AntiEntropy *A = engine->protocol_data;
  const guint32 r = engine->now;
  GvTally *t = &shard->tally;
  const guint32 *from;
  guint32 *to;
  guint32 *ever;
  gboolean useful = FALSE;

  if (gv_msg_kind (msg) == GV_MSG_FEEDBACK)
    {
      engine->node_sent[msg->dst]++;
      return;
    }

  from = replica (A, r - 1, msg->src);
  to = replica (A, r, msg->dst);
  ever = A->ever != NULL ? A->ever + (gsize) msg->dst * A->n_keys : NULL;

  for (guint k = 0; k < A->n_keys; k++)
    {
      guint32 before;

      if (from[k] <= to[k])
        continue;

      before = ever != NULL ? MAX (ever[k], to[k]) : to[k];
      to[k] = from[k];
      useful = TRUE;

      /* Each update of this key up to the new version is now held for the first time. */
      for (guint32 ver = before + 1; ver <= from[k]; ver++)
        {
          guint32 delay = r - g_array_index (A->inject_round[k], guint32, ver);

          t->newly_informed++;
          t->delay_sum += delay;
          t->delay_count++;
          t->delay_max = MAX (t->delay_max, delay);
        }
      if (ever != NULL)
        ever[k] = MAX (ever[k], from[k]);
    }

  if (!useful)
    t->redundant++;

  if (engine->detail)
    {
      engine->node_received[msg->dst]++;
      if (!useful)
        engine->node_redundant[msg->dst]++;
      gv_shard_record_message (shard, msg->src, msg->dst,
                               useful ? GV_MESSAGE_USEFUL : GV_MESSAGE_REDUNDANT, TRUE);
    }
}

static void
ae_deliver (GvShard     *shard,
            const GvMsg *msgs,
            gsize        n_msgs)
{
  for (gsize k = 0; k < n_msgs; k++)
    ae_deliver_one (shard, &msgs[k]);
}

static void
ae_settle (GvShard  *shard,
           gboolean  end_of_round)
{
  GvEngine *engine = shard->engine;
  AntiEntropy *A = engine->protocol_data;
  GvTally *t = &shard->tally;

  for (guint32 v = shard->begin; v < shard->end; v++)
    {
      const guint32 *rep = replica (A, engine->now, v);
      gboolean newest = holds_newest (A, rep);

      if (end_of_round)
        {
          if (!newest)
            A->since[v] = GV_NEVER;
          else if (A->since[v] == GV_NEVER)
            A->since[v] = engine->now;
        }

      gv_tally_node (t, engine->alive[v], newest, newest, 0);

      if (engine->alive[v])
        {
          if (t->uniform_ref < 0)
            t->uniform_ref = v;
          else if (t->uniform &&
                   memcmp (replica (A, engine->now, (guint32) t->uniform_ref), rep,
                           sizeof (guint32) * A->n_keys) != 0)
            t->uniform = FALSE;
        }
    }
}

static GvNodeState
ae_summarise (GvEngine *engine,
              guint32   node,
              gboolean *informed,
              gboolean *hot,
              guint32  *never_known)
{
  AntiEntropy *A = engine->protocol_data;
  gboolean newest = holds_newest (A, replica (A, engine->now, node));

  *informed = newest;
  *hot = newest;
  *never_known = 0;

  if (!engine->alive[node])
    return GV_NODE_CRASHED;
  return newest ? GV_NODE_SPREADING : GV_NODE_UNINFORMED;
}

static gboolean
ae_same_state (GvEngine *engine,
               guint32   a,
               guint32   b)
{
  AntiEntropy *A = engine->protocol_data;

  return memcmp (replica (A, engine->now, a), replica (A, engine->now, b),
                 sizeof (guint32) * A->n_keys) == 0;
}

static gboolean
ae_inject (GvEngine  *engine,
           guint32    node,
           guint32    key,
           GError   **error)
{
  AntiEntropy *A = engine->protocol_data;
  guint32 *rep;
  guint64 value;
  guint32 round = engine->round;

  if (key >= A->n_keys)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("there is no key %u: the keys are numbered 0 to %u"), key, A->n_keys - 1);
      return FALSE;
    }

  if (A->latest[key] == G_MAXUINT32 - 1)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE, _("key %u has no versions left"), key);
      return FALSE;
    }

  A->latest[key]++;
  value = gv_rng_mix64 (engine->seed_key ^ ((guint64) key << 32 | A->latest[key])) % 1000;
  g_array_append_val (A->inject_round[key], round);
  g_array_append_val (A->values[key], value);

  rep = replica (A, engine->now, node);
  rep[key] = A->latest[key];
  if (A->ever != NULL)
    A->ever[(gsize) node * A->n_keys + key] = A->latest[key];

  /* Everybody else now lacks the newest data; the writer may hold it. */
  for (guint32 v = 0; v < engine->n_nodes; v++)
    A->since[v] = GV_NEVER;
  if (holds_newest (A, rep))
    A->since[node] = round;

  return TRUE;
}

static void
ae_node_info (GvEngine   *engine,
              guint32     node,
              GvNodeInfo *info)
{
  AntiEntropy *A = engine->protocol_data;
  const guint32 *rep = replica (A, engine->now, node);

  info->n_keys = A->n_keys;
  info->known = 0;
  for (guint k = 0; k < A->n_keys; k++)
    {
      info->versions[k] = rep[k];
      info->values[k] = g_array_index (A->values[k], guint64, rep[k]);
      info->known += rep[k] == A->latest[k];
    }
  info->first_informed = A->since[node] == GV_NEVER ? -1 : (gint64) A->since[node];
}

const GvProtocol gv_anti_entropy_protocol = {
  .name = "anti-entropy",
  .init = ae_init,
  .finalize = ae_finalize,
  .reset_node = ae_reset_node,
  .begin_round = ae_begin_round,
  .send = ae_send,
  .deliver = ae_deliver,
  .settle = ae_settle,
  .summarise = ae_summarise,
  .same_state = ae_same_state,
  .inject = ae_inject,
  .node_info = ae_node_info,
};
