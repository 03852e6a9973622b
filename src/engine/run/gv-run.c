/* gv-run.c: a finished (or paused) run, as an object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The object, made from a simulator or by simulating, its accessors, the classes of its
 * nodes for a replay, and saving and loading through GIO.  The format is written in
 * gv-run-writer.c, read in gv-run-loader.c (after gv-run-prescan.c), re-simulated and
 * compared in gv-run-verify.c; gv-run-csv.c and gv-run-labels.c present runs.
 */

#define G_LOG_DOMAIN "gv-run-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "gv-error.h"
#include "gv-run-private.h"

G_DEFINE_FINAL_TYPE (GvRun, gv_run, G_TYPE_OBJECT)

static void
gv_run_finalize (GObject *object)
{
  GvRun *self = (GvRun *) object;

  g_clear_pointer (&self->params, gv_params_unref);
  g_clear_pointer (&self->engine_version, g_free);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->first_informed, g_free);
  g_clear_pointer (&self->interventions, g_array_unref);
  g_clear_pointer (&self->topology, gv_topology_unref);
  g_mutex_clear (&self->topology_lock);

  G_OBJECT_CLASS (gv_run_parent_class)->finalize (object);
}

static void
gv_run_class_init (GvRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gv_run_finalize;
}

static void
gv_run_init (GvRun *self)
{
  g_mutex_init (&self->topology_lock);
}

GvRun *
gv_run_new_take (GvParams   *params,
                 const char *engine_version,
                 guint       format_version,
                 GPtrArray  *records,
                 GvSummary  *summary,
                 gint32     *first_informed,
                 GArray     *interventions,
                 guint       n_views)
{
  GvRun *self = g_object_new (GV_TYPE_RUN, NULL);

  self->params = params;
  self->engine_version = g_strdup (engine_version);
  self->format_version = format_version;
  self->recorded_format = format_version;
  self->records = records;
  self->summary = *summary;
  self->first_informed = first_informed;
  self->interventions = interventions;
  self->detail = gv_params_has_detail (params);
  gv_class_table_init (&self->classes, params);
  self->n_views = n_views;

  /* The views the records' changes cover: one, or one more a rumour. */
  if (n_views == 0)
    {
      self->n_views = 1;
      for (guint i = 0; i < records->len; i++)
        {
          const GvRoundRecord *rec = g_ptr_array_index (records, i);

          for (guint32 k = 0; k < rec->n_changes; k++)
            self->n_views = MAX (self->n_views, (guint) rec->changes[k].view + 1);
        }
    }

  return self;
}

const char *
gv_run_format_value (char   *buf,
                     gsize   size,
                     double  v)
{
  if (v == floor (v) && fabs (v) < MAX_SAFE_INTEGER)
    g_snprintf (buf, size, "%.0f", v);
  else
    g_ascii_formatd (buf, size, "%.17g", v);
  return buf;
}

GvRun *
gv_run_simulate (const GvParams  *params,
                 guint            n_threads,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  return gv_run_replay (params, NULL, -1, n_threads, NULL, cancellable, error);
}

GvRun *
gv_run_new_from_simulator (GvSimulator  *simulator,
                           GError      **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) interventions = NULL;
  g_autofree gint32 *first = NULL;
  const GvParams *params;
  GvSummary summary;
  guint n;

  g_return_val_if_fail (GV_IS_SIMULATOR (simulator), NULL);

  if (gv_simulator_get_busy (simulator))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("a round is running; wait for it to finish before saving"));
      return NULL;
    }

  params = gv_simulator_get_start_params (simulator);
  n = gv_simulator_get_n_records (simulator);
  records = g_ptr_array_new_full (n, (GDestroyNotify) gv_round_record_unref);
  for (guint i = 0; i < n; i++)
    {
      GvRoundRecord *rec = gv_simulator_get_record (simulator, i);

      /* Records are only ever appended round by round, from 0 after a reset. */
      g_assert (rec->round == i);
      g_ptr_array_add (records, gv_round_record_ref (rec));
    }

  interventions = g_array_new (FALSE, FALSE, sizeof (GvIntervention));
  for (guint i = 0; i < gv_simulator_get_n_interventions (simulator); i++)
    {
      GvIntervention iv = *gv_simulator_get_intervention (simulator, i);

      /* News without an argument has none, whatever the caller passed; a file names only
       * real ones. */
      if (iv.kind == GV_INTERVENTION_INJECT && params->protocol->injection->arg == NULL)
        iv.arg = 0;
      g_array_append_val (interventions, iv);
    }

  first = gv_simulator_get_first_informed (simulator);
  gv_simulator_get_summary (simulator, &summary);

  return gv_run_new_take (gv_params_copy (params), GV_ENGINE_VERSION, GV_RUN_FORMAT_VERSION,
                          g_steal_pointer (&records), &summary, g_steal_pointer (&first),
                          g_steal_pointer (&interventions), 0);
}

const GvParams *
gv_run_get_params (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), NULL);
  return self->params;
}

const char *
gv_run_get_engine_version (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), NULL);
  return self->engine_version;
}

guint
gv_run_get_format_version (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), 0);
  return self->format_version;
}

guint
gv_run_get_n_records (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), 0);
  return self->records->len;
}

GvRoundRecord *
gv_run_get_record (GvRun *self,
                   guint  round)
{
  g_return_val_if_fail (GV_IS_RUN (self), NULL);
  g_return_val_if_fail (round < self->records->len, NULL);

  return g_ptr_array_index (self->records, round);
}

guint32
gv_run_get_last_round (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), 0);
  return self->records->len - 1;
}

void
gv_run_get_summary (GvRun     *self,
                    GvSummary *summary)
{
  g_return_if_fail (GV_IS_RUN (self));
  g_return_if_fail (summary != NULL);

  *summary = self->summary;
}

gboolean
gv_run_has_detail (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), FALSE);
  return self->detail;
}

const gint32 *
gv_run_get_first_informed (GvRun   *self,
                           guint32 *n_nodes)
{
  g_return_val_if_fail (GV_IS_RUN (self), NULL);

  if (n_nodes != NULL)
    *n_nodes = self->params->n_nodes;
  return self->first_informed;
}

guint
gv_run_get_n_interventions (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), 0);
  return self->interventions->len;
}

const GvIntervention *
gv_run_get_intervention (GvRun *self,
                         guint  index)
{
  g_return_val_if_fail (GV_IS_RUN (self), NULL);
  g_return_val_if_fail (index < self->interventions->len, NULL);

  return &g_array_index (self->interventions, GvIntervention, index);
}

GvTopology *
gv_run_get_topology (GvRun *self)
{
  const GvParams *p;

  g_return_val_if_fail (GV_IS_RUN (self), NULL);

  p = self->params;

  /* Runs are read from any thread: the first to ask makes it, under the lock. */
  g_mutex_lock (&self->topology_lock);
  if (!self->topology_tried)
    {
      self->topology_tried = TRUE;
      if (p->topology == GV_TOPOLOGY_COMPLETE ||
          gv_params_edge_ends (p) <= GV_RUN_MAX_TOPOLOGY_EDGE_ENDS)
        self->topology = gv_topology_new (p, NULL, NULL);
    }
  g_mutex_unlock (&self->topology_lock);

  return self->topology;
}

const GvClassTable *
gv_run_get_classes (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), NULL);
  return &self->classes;
}

guint
gv_run_get_n_views (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), 1);
  return self->n_views;
}

void
gv_run_get_node_classes (GvRun   *self,
                         guint32  round,
                         guint    view,
                         guint8  *classes)
{
  guint32 n;
  guint next = 0;
  guint uninformed = 0, informed = 0;

  g_return_if_fail (GV_IS_RUN (self));
  g_return_if_fail (classes != NULL);

  n = self->params->n_nodes;
  round = MIN (round, self->records->len - 1);
  if (view >= self->n_views)
    view = 0;

  if (self->detail)
    {
      /* Changes are relative to the record before, and round 0's (or a view's first) to
       * class 0 everywhere. */
      memset (classes, 0, n);
      for (guint32 r = 0; r <= round; r++)
        {
          const GvRoundRecord *rec = g_ptr_array_index (self->records, r);

          for (guint32 k = 0; k < rec->n_changes; k++)
            if (rec->changes[k].view == view)
              classes[rec->changes[k].node] = rec->changes[k].cls;
        }
      return;
    }

  self->params->protocol->plain_classes (self->params, &uninformed, &informed);

#define PLAIN(v) (self->first_informed[v] >= 0 && (guint32) self->first_informed[v] <= round \
                  ? informed : uninformed)

  for (guint32 v = 0; v < n; v++)
    classes[v] = (guint8) PLAIN (v);

  /* Who is down: the faults of each round, and the crashes and revivals made between. */
  for (guint32 r = 0; r <= round; r++)
    {
      const GvRoundRecord *rec = g_ptr_array_index (self->records, r);

      for (guint32 k = 0; k < rec->n_crashed; k++)
        classes[rec->crashed_nodes[k]] = (guint8) self->classes.crashed;
      for (guint32 k = 0; k < rec->n_recovered; k++)
        classes[rec->recovered_nodes[k]] = (guint8) PLAIN (rec->recovered_nodes[k]);

      for (; next < self->interventions->len; next++)
        {
          const GvIntervention *iv = &g_array_index (self->interventions, GvIntervention, next);

          if (iv->round != r || r == round)
            break;
          if (iv->kind == GV_INTERVENTION_CRASH)
            classes[iv->node] = (guint8) self->classes.crashed;
          else if (iv->kind == GV_INTERVENTION_REVIVE && classes[iv->node] == self->classes.crashed)
            classes[iv->node] = (guint8) PLAIN (iv->node);
        }
    }

#undef PLAIN
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (gv_run_save (GV_RUN (source_object), G_FILE (task_data), cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GvRun *run = gv_run_load (G_FILE (task_data), cancellable, &error);

  if (run != NULL)
    g_task_return_pointer (task, run, g_object_unref);
  else
    g_task_return_error (task, error);
}

gboolean
gv_write_file_atomically (GFile         *file,
                          const void    *data,
                          gsize          length,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GCancellable) abort_close = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileCreateFlags flags = G_FILE_CREATE_NONE;
  gboolean existed = FALSE;
  gsize written = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  target = g_object_ref (file);

  /* GIO replaces a local file through a temporary one renamed over it, except when it
   * cannot: then it truncates the file and writes it in place, and a failure halfway
   * loses the old contents.  Steer it onto the safe path, or refuse. */
  if (g_file_is_native (file))
    {
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *real = realpath (path, NULL);
      g_autofree char *dir = NULL;
      GStatBuf st;

      if (real != NULL)
        {
          /* Replace what a symbolic link points to, not the link. */
          g_clear_object (&target);
          target = g_file_new_for_path (real);
          g_free (path);
          path = g_steal_pointer (&real);
        }

      existed = g_stat (path, &st) == 0;
      if (existed && S_ISREG (st.st_mode) && st.st_nlink > 1)
        flags |= G_FILE_CREATE_REPLACE_DESTINATION;  /* break the hard link, atomically */

      dir = g_path_get_dirname (path);
      if (existed && access (dir, W_OK) != 0)
        {
          int saved_errno = errno;
          g_autofree char *name = g_filename_display_name (dir);

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("cannot write in the folder “%s”, where saving puts the new file before "
                         "it replaces the old one: %s"), name, g_strerror (saved_errno));
          return FALSE;
        }
    }

  out = g_file_replace (target, NULL, FALSE, flags, cancellable, error);
  if (out == NULL)
    return FALSE;

  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), data, length, &written, cancellable,
                                  &local_error))
    {
      /* g_file_replace_contents() closes the stream here, which renames the half-written
       * file over the old one (GLib 2.74).  Closing with a cancelled cancellable throws
       * the temporary file away instead. */
      abort_close = g_cancellable_new ();
      g_cancellable_cancel (abort_close);
      g_output_stream_close (G_OUTPUT_STREAM (out), abort_close, NULL);

      /* A new file was written in place; leave nothing half-made behind. */
      if (!existed)
        g_file_delete (target, NULL, NULL);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    {
      if (!existed)
        g_file_delete (target, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
gv_run_save (GvRun         *self,
             GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (GV_IS_RUN (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  data = gv_run_to_data (self, &length);
  return gv_write_file_atomically (file, data, length, cancellable, error);
}

GvRun *
gv_run_load (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* Parsed, a file takes about ten times its size; refuse before reading it all. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info != NULL && g_file_info_get_size (info) > GV_RUN_MAX_FILE_SIZE)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   _("the file holds %" PRId64 " bytes; a run file may hold at most %"
                   PRId64 " (1 GiB)"), (gint64) g_file_info_get_size (info),
                   GV_RUN_MAX_FILE_SIZE);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, error))
    return NULL;

  return gv_run_load_from_data (data, length, error);
}

void
gv_run_save_async (GvRun               *self,
                   GFile               *file,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GV_IS_RUN (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gv_run_save_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, save_thread);
}

gboolean
gv_run_save_finish (GvRun         *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (GV_IS_RUN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
gv_run_load_async (GFile               *file,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gv_run_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

GvRun *
gv_run_load_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

