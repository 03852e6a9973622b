/* gv-run-verify.c: re-simulating a run, and comparing runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run is a pure function of its parameters, seed and interventions, so a run file is
 * checked by playing it again and comparing everything it recorded: every round's
 * metrics, the crashes and recoveries, the messages and class changes within the detail
 * cap, the first-informed rounds and the summary.  What a format-1 file did not record
 * is not compared, and its node states are compared as format 1 drew them.
 *
 * When a run saved by an earlier engine version no longer reproduces, the error says
 * which version saved it and what changed since (gv-engine-version.h), not only that it
 * differs.
 */

#define G_LOG_DOMAIN "gv-run-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <math.h>
#include <string.h>

#include "gv-engine-version.h"
#include "gv-error.h"
#include "gv-run-private.h"

/* Whether two values of a record are the same, NaN (not recorded) included. */
static gboolean
values_equal (double a,
              double b)
{
  return a == b || (isnan (a) && isnan (b));
}

GvRun *
gv_run_replay (const GvParams  *params,
               GArray          *interventions,
               gint64           last_round,
               guint            n_threads,
               guint           *n_injected,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autoptr(GvEngine) engine = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) ivs = NULL;
  GvSummary summary;
  guint next = 0;

  engine = gv_engine_new (params, n_threads, cancellable, error);
  if (engine == NULL)
    return NULL;

  ivs = interventions != NULL ? g_array_ref (interventions)
                              : g_array_new (FALSE, FALSE, sizeof (GvIntervention));
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) gv_round_record_unref);
  g_ptr_array_add (records, gv_engine_initial_record (engine));

  for (;;)
    {
      guint32 round = gv_engine_get_round (engine);
      GvRoundRecord *rec;

      /* One that failed when it was made fails here the same way, and is skipped alike. */
      while (next < ivs->len && g_array_index (ivs, GvIntervention, next).round == round)
        gv_engine_intervene (engine, &g_array_index (ivs, GvIntervention, next++), NULL);

      if (last_round >= 0 && round >= last_round)
        break;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      rec = gv_engine_step (engine);
      if (rec == NULL)
        break;
      g_ptr_array_add (records, rec);
    }

  gv_engine_get_summary (engine, &summary);
  if (n_injected != NULL)
    *n_injected = gv_engine_get_n_injected (engine);

  return gv_run_new_take (gv_params_copy (params), GV_ENGINE_VERSION, GV_RUN_FORMAT_VERSION,
                          g_steal_pointer (&records), &summary,
                          gv_engine_dup_first_informed (engine), g_array_copy (ivs), 0);
}

static void
describe_message (char                 *buf,
                  gsize                 size,
                  const GvMessageEvent *m)
{
  /* TRANSLATORS: what became of a message, as in "3→7 (redundant, with data)" */
  static const char *outcomes[] = { N_("useful"), N_("redundant"), N_("lost"), N_("dead"),
                                    N_("request") };
  const char *outcome = m->outcome <= GV_MESSAGE_REQUEST ? _(outcomes[m->outcome]) : "?";

  if (m->carries_data)
    g_snprintf (buf, size, _("%u→%u (%s, with data)"), m->src, m->dst, outcome);
  else
    g_snprintf (buf, size, "%u→%u (%s)", m->src, m->dst, outcome);
}

static gboolean
compare_node_lists (const guint32  *a,
                    const guint32  *b,
                    guint32         n,
                    guint32         round,
                    const char     *what,
                    const char     *name_a,
                    const char     *name_b,
                    GError        **error)
{
  for (guint32 k = 0; k < n; k++)
    if (a[k] != b[k])
      {
        g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                     _("round %u: the %s nodes differ: node %u %s but node %u %s"),
                     round, what, a[k], name_a, b[k], name_b);
        return FALSE;
      }

  return TRUE;
}

static char *
format_value (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (v))
    return g_strdup (_("not recorded"));
  return g_strdup (gv_run_format_value (buf, sizeof buf, v));
}

/* The metric id of record value @index. */
static const char *
value_id (const GvProtocol *protocol,
          guint             index)
{
  if (index < GV_N_CORE_METRICS)
    return gv_core_metrics (NULL)[index].id;
  return protocol->metrics[index - GV_N_CORE_METRICS].id;
}

static gboolean
compare_values (const GvProtocol    *protocol,
                const GvRoundRecord *x,
                const GvRoundRecord *y,
                const char          *name_a,
                const char          *name_b,
                GError             **error)
{
  guint per_item = 0;

  for (guint m = 0; m < x->n_values; m++)
    {
      /* What @x did not record (a format-1 file's unknowns) is not compared. */
      if (isnan (x->values[m]) || values_equal (x->values[m], y->values[m]))
        continue;

      {
        g_autofree char *va = format_value (x->values[m]);
        g_autofree char *vb = format_value (y->values[m]);

        g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH, _("round %u: %s is %s %s but %s %s"),
                     x->round, value_id (protocol, m), va, name_a, vb, name_b);
        return FALSE;
      }
    }

  if (x->items == NULL)
    return TRUE;

  for (guint m = 0; m < protocol->n_metrics; m++)
    if (protocol->metrics[m].flags & GV_METRIC_FLAG_PER_ITEM)
      {
        for (guint i = 0; i < MAX (x->n_items, y->n_items); i++)
          {
            double a = gv_round_record_get_item (x, per_item, i);
            double b = gv_round_record_get_item (y, per_item, i);

            if (!values_equal (a, b))
              {
                g_autofree char *va = format_value (a);
                g_autofree char *vb = format_value (b);

                g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                             _("round %u: %s[%u] is %s %s but %s %s"), x->round,
                             protocol->metrics[m].id, i, va, name_a, vb, name_b);
                return FALSE;
              }
          }
        per_item++;
      }

  return TRUE;
}

static gboolean
compare_messages (const GvRoundRecord *x,
                  const GvRoundRecord *y,
                  const char          *name_a,
                  const char          *name_b,
                  GError             **error)
{
  guint i = x->round;

  if ((x->messages != NULL) != (y->messages != NULL))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                   _("round %u: messages are recorded %s but not %s"), i,
                   x->messages != NULL ? name_a : name_b,
                   x->messages != NULL ? name_b : name_a);
      return FALSE;
    }

  if (x->n_messages != y->n_messages)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                   _("round %u: %u messages are recorded %s but %u %s"), i, x->n_messages,
                   name_a, y->n_messages, name_b);
      return FALSE;
    }

  for (guint32 k = 0; k < x->n_messages; k++)
    {
      const GvMessageEvent *p = &x->messages[k];
      const GvMessageEvent *q = &y->messages[k];

      if (p->src != q->src || p->dst != q->dst || p->outcome != q->outcome ||
          p->carries_data != q->carries_data)
        {
          char bp[128], bq[128];

          describe_message (bp, sizeof bp, p);
          describe_message (bq, sizeof bq, q);
          g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                       _("round %u: message %u is %s %s but %s %s"), i, k, bp, name_a, bq,
                       name_b);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
compare_changes (GvRun               *a,
                 const GvRoundRecord *x,
                 const GvRoundRecord *y,
                 const char          *name_a,
                 const char          *name_b,
                 GError             **error)
{
  guint i = x->round;

  if (x->n_changes != y->n_changes)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                   _("round %u: %u class changes are recorded %s but %u %s"), i,
                   x->n_changes, name_a, y->n_changes, name_b);
      return FALSE;
    }

  for (guint32 k = 0; k < x->n_changes; k++)
    if (x->changes[k].node != y->changes[k].node || x->changes[k].cls != y->changes[k].cls ||
        x->changes[k].view != y->changes[k].view)
      {
        const GvClassTable *t = &a->classes;

        g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                     _("round %u: change %u is node %u to “%s” %s but node %u to “%s” %s"), i, k,
                     x->changes[k].node,
                     x->changes[k].cls < t->n ? _(t->classes[x->changes[k].cls].label) : "?",
                     name_a, y->changes[k].node,
                     y->changes[k].cls < t->n ? _(t->classes[y->changes[k].cls].label) : "?",
                     name_b);
        return FALSE;
      }

  return TRUE;
}

/* Format 1 drew fewer states than classes now (a node that knew some rumours but not all
 * was not informed), and recorded the changes of those states: each round's states are
 * rebuilt for both and compared as format 1 would have drawn them. */
static gboolean
compare_v1_states (GvRun       *a,
                   GvRun       *b,
                   const char  *name_a,
                   const char  *name_b,
                   GError     **error)
{
  const GvProtocol *protocol = a->params->protocol;
  guint32 n = a->params->n_nodes;
  g_autofree guint8 *sa = g_malloc0 (n);
  g_autofree guint8 *sb = g_malloc0 (n);
  guint rounds = MIN (a->records->len, b->records->len);

#define V1_STATE(run, cls) \
  ((cls) == (run)->classes.crashed ? 3u : protocol->format1_state ((run)->params, (cls)))

  for (guint r = 0; r < rounds; r++)
    {
      const GvRoundRecord *x = g_ptr_array_index (a->records, r);
      const GvRoundRecord *y = g_ptr_array_index (b->records, r);

      for (guint32 k = 0; k < x->n_changes; k++)
        if (x->changes[k].view == 0)
          sa[x->changes[k].node] = (guint8) V1_STATE (a, x->changes[k].cls);
      for (guint32 k = 0; k < y->n_changes; k++)
        if (y->changes[k].view == 0)
          sb[y->changes[k].node] = (guint8) V1_STATE (b, y->changes[k].cls);

      for (guint32 v = 0; v < n; v++)
        if (sa[v] != sb[v])
          {
            /* TRANSLATORS: format 1's node states, by number */
            static const char *states[] = { N_("not informed"), N_("spreading"),
                                            N_("informed, stopped"), N_("crashed") };

            g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                         _("round %u: node %u is %s %s but %s %s"), r, v, _(states[sa[v]]),
                         name_a, _(states[sb[v]]), name_b);
            return FALSE;
          }
    }

#undef V1_STATE

  return TRUE;
}

/* The first difference between @a (as recorded) and @b, which @name_a and @name_b name
 * in the message ("in the run", "when re-simulated"). */
static gboolean
compare_runs (GvRun       *a,
              GvRun       *b,
              const char  *name_a,
              const char  *name_b,
              GError     **error)
{
  const GvProtocol *protocol = a->params->protocol;
  guint n = MIN (a->records->len, b->records->len);
  guint32 n_nodes = a->params->n_nodes;

  if (!gv_params_equal (a->params, b->params))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH, _("the parameters differ"));
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      const GvRoundRecord *x = g_ptr_array_index (a->records, i);
      const GvRoundRecord *y = g_ptr_array_index (b->records, i);

      if (!compare_values (protocol, x, y, name_a, name_b, error) ||
          !compare_node_lists (x->crashed_nodes, y->crashed_nodes, x->n_crashed, i, "crashed",
                               name_a, name_b, error) ||
          !compare_node_lists (x->recovered_nodes, y->recovered_nodes, x->n_recovered, i,
                               "recovered", name_a, name_b, error) ||
          !compare_messages (x, y, name_a, name_b, error))
        return FALSE;

      if (a->recorded_format >= 2 && !compare_changes (a, x, y, name_a, name_b, error))
        return FALSE;
    }

  if (a->recorded_format < 2 && a->detail && !compare_v1_states (a, b, name_a, name_b, error))
    return FALSE;

  if (a->records->len != b->records->len)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                   _("the run ends at round %u %s but at round %u %s"), a->records->len - 1,
                   name_a, b->records->len - 1, name_b);
      return FALSE;
    }

  for (guint32 v = 0; v < n_nodes; v++)
    if (a->first_informed[v] != b->first_informed[v])
      {
        g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                     _("node %u: first informed in round %d %s but in round %d %s"), v,
                     a->first_informed[v], name_a, b->first_informed[v], name_b);
        return FALSE;
      }

  if (a->interventions->len != b->interventions->len ||
      (a->interventions->len > 0 &&
       memcmp (a->interventions->data, b->interventions->data,
               a->interventions->len * sizeof (GvIntervention)) != 0))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH, _("the interventions differ"));
      return FALSE;
    }

#define SUMMARY_FIELD(field, format, cast) \
  if (a->summary.field != b->summary.field) \
    { \
      g_autofree char *va = g_strdup_printf (format, (cast) a->summary.field); \
      g_autofree char *vb = g_strdup_printf (format, (cast) b->summary.field); \
      g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH, _("summary: %s is %s %s but %s %s"), \
                   #field, va, name_a, vb, name_b); \
      return FALSE; \
    }

  SUMMARY_FIELD (rounds, "%u", guint);
  SUMMARY_FIELD (converged, "%d", int);
  SUMMARY_FIELD (finished, "%d", int);

#undef SUMMARY_FIELD

  for (guint f = 0; f < protocol->n_figures; f++)
    if (!values_equal (a->summary.figures[f], b->summary.figures[f]))
      {
        char va[G_ASCII_DTOSTR_BUF_SIZE], vb[G_ASCII_DTOSTR_BUF_SIZE];

        g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH, _("summary: %s is %s %s but %s %s"),
                     protocol->figures[f].id,
                     g_ascii_formatd (va, sizeof va, "%.17g", a->summary.figures[f]), name_a,
                     g_ascii_formatd (vb, sizeof vb, "%.17g", b->summary.figures[f]), name_b);
        return FALSE;
      }

  if (a->summary.messages != b->summary.messages)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                   _("summary: %s is %" PRIu64 " %s but %" PRIu64 " %s"), "messages",
                   a->summary.messages, name_a, b->summary.messages, name_b);
      return FALSE;
    }

  return TRUE;
}

gboolean
gv_run_equal (GvRun *a,
              GvRun *b)
{
  g_return_val_if_fail (GV_IS_RUN (a), FALSE);
  g_return_val_if_fail (GV_IS_RUN (b), FALSE);

  return compare_runs (a, b, "in one", "in the other", NULL) &&
         compare_runs (b, a, "in one", "in the other", NULL);
}

/* An early build of 0.1.0 divided the residue by the scheduled rumours only, leaving
 * out those injected by hand, and saved its runs as 0.1.0 all the same.  Such a run
 * reproduces in everything but that one figure, which follows from this engine's by
 * the ratio of the rumours counted. */
static gboolean
is_early_residue (GvRun  *self,
                  GvRun  *again,
                  guint   n_injected)
{
  guint residue = gv_protocol_find_figure (self->params->protocol, "residue");
  guint scheduled = gv_params_get_n_injections (self->params);
  double early, ours;
  gboolean same;

  if (self->recorded_format != 1 || g_strcmp0 (self->engine_version, "0.1.0") != 0 ||
      residue == G_MAXUINT || n_injected == scheduled || scheduled == 0)
    return FALSE;

  ours = again->summary.figures[residue];
  early = ours * n_injected / scheduled;
  if (fabs (early - self->summary.figures[residue]) > 1e-12 * MAX (1.0, fabs (early)))
    return FALSE;

  /* Everything else must agree. */
  again->summary.figures[residue] = self->summary.figures[residue];
  same = compare_runs (self, again, "", "", NULL);
  again->summary.figures[residue] = ours;
  return same;
}

gboolean
gv_run_verify_full (GvRun         *self,
                    char         **note,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GvRun) again = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *changes = NULL;
  guint n_injected = 0;

  g_return_val_if_fail (GV_IS_RUN (self), FALSE);

  if (note != NULL)
    *note = NULL;

  again = gv_run_replay (self->params, self->interventions, self->records->len - 1, 0,
                         &n_injected, cancellable, error);
  if (again == NULL)
    return FALSE;

  if (compare_runs (self, again,
                    /* TRANSLATORS: "round 6: sent is 12 in the run but 11 when re-simulated" */
                    _("in the run"), _("when re-simulated"), &local_error))
    {
      /* A later release's run that this engine plays the same: say so all the same. */
      if (note != NULL && !gv_engine_version_known (self->engine_version))
        *note = g_strdup_printf (_("saved by engine %s, which this Grapevine (engine %s) "
                                   "does not know; it reproduces all the same"),
                                 self->engine_version, GV_ENGINE_VERSION);
      return TRUE;
    }

  if (is_early_residue (self, again, n_injected))
    {
      guint residue = gv_protocol_find_figure (self->params->protocol, "residue");

      if (note != NULL)
        *note = g_strdup_printf (_("its residue, %.6g, was computed by an early build of "
                                   "engine 0.1.0 that left out rumours started by hand; this "
                                   "engine, counting them, gives %.6g"),
                                 self->summary.figures[residue], again->summary.figures[residue]);
      return TRUE;
    }

  /* This engine's own version has no changes since and is known: its error stays as is. */
  changes = gv_engine_version_changes (self->engine_version);
  if (changes != NULL)
    g_set_error (error, GV_ERROR, GV_ERROR_ENGINE_VERSION,
                 _("saved by engine %s; this is %s, whose %s differ (%s)"),
                 self->engine_version, GV_ENGINE_VERSION, changes, local_error->message);
  else if (!gv_engine_version_known (self->engine_version))
    g_set_error (error, GV_ERROR, GV_ERROR_ENGINE_VERSION,
                 _("saved by engine %s, which this Grapevine (engine %s) does not know (%s)"),
                 self->engine_version, GV_ENGINE_VERSION, local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
gv_run_verify (GvRun         *self,
               GCancellable  *cancellable,
               GError       **error)
{
  return gv_run_verify_full (self, NULL, cancellable, error);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  char *note = NULL;

  if (gv_run_verify_full (GV_RUN (source_object), &note, cancellable, &error))
    g_task_return_pointer (task, note != NULL ? note : g_strdup (""), g_free);
  else
    g_task_return_error (task, error);
}

void
gv_run_verify_async (GvRun               *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GV_IS_RUN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gv_run_verify_async);
  g_task_run_in_thread (task, verify_thread);
}

gboolean
gv_run_verify_finish (GvRun         *self,
                      GAsyncResult  *result,
                      char         **note,
                      GError       **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (GV_IS_RUN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  text = g_task_propagate_pointer (G_TASK (result), error);
  if (text == NULL)
    return FALSE;

  if (note != NULL)
    *note = *text != '\0' ? g_steal_pointer (&text) : NULL;
  return TRUE;
}
