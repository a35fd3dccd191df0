# Read our ACLED CSV with readr and run acledR's transformation functions on it, as an ACLED user in R does.
#
# usage: Rscript check_acledr.R EVENTS.csv [acled|acled-text]
#
# acled:      readr::read_csv, then acled_transform_interaction(df), acled_transform_longer(df, "full_actors") and,
#             where the installed acledR has it, acled_transform_wider() on the long table.
# acled-text: the same but acled_transform_interaction(), which turns numeric codes into words and so has
#             nothing to do on a table whose actor types are words already.
#
# Each call is made on a control first: a hand-made two-row table in ACLED's export shape (a two-actor battle; a
# protest with no actor2, inter2 0), read by readr the same way. A call that fails on our table but not on the
# control is our output's fault: FAIL. A call that fails on the control too is this machine's: Debian bookworm's
# dplyr 1.0.10 rejects acled_transform_longer()'s `case_when(... ~ NA, TRUE ~ inter)`, which needs dplyr >= 1.1.0
# (what CRAN gives a user); that call is then retried through a shim that types that one NA as inter's own NA
# (`inter[NA_integer_]`), everything else as acledR has it, and reported as "ok (shim)".
# Prints "ok:" / "FAIL:" per call and a few transformed rows. Exit: 0 all ok; 3 all ok, some only through the shim;
# 1 any FAIL. A warning is printed, not a failure.
suppressPackageStartupMessages({
  library(readr)
  library(dplyr)
  library(acledR)
})
options(width = 200, tibble.width = Inf)

args <- commandArgs(trailingOnly = TRUE)
csv <- args[1]
schema <- if (length(args) > 1) args[2] else "acled"
failed <- FALSE
shimmed <- FALSE

attempt <- function(f, ...) {  # list(value, error, warnings)
  warns <- character(0)
  value <- tryCatch(
    withCallingHandlers(f(...), warning = function(w) {
      warns <<- c(warns, conditionMessage(w))
      invokeRestart("muffleWarning")
    }),
    error = function(e) structure(list(e), class = "failed_call")
  )
  if (inherits(value, "failed_call")) {
    e <- value[[1]]
    msg <- conditionMessage(e)
    if (!is.null(e$parent)) msg <- paste(msg, conditionMessage(e$parent))
    if (inherits(e, "rlang_error")) msg <- paste(msg, paste(rlang::cnd_body(e), collapse = " "))
    return(list(value = NULL, error = trimws(gsub("\\s+", " ", msg)), warnings = warns))
  }
  list(value = value, error = NULL, warnings = warns)
}
dplyr10_shim <- function(f) {  # acledR's function with `~ NA,` typed as inter's own NA, for dplyr < 1.1.0
  src <- gsub("~ NA,", "~ inter[NA_integer_],", deparse(f), fixed = TRUE)
  g <- eval(parse(text = src))
  environment(g) <- environment(f)
  g
}
# step(name, f, ours, control): runs f on the control and on our table; returns f(ours) or NULL
step <- function(name, f, ours, control, ...) {
  ctl <- attempt(f, control, ...)
  res <- attempt(f, ours, ...)
  for (w in unique(res$warnings)) cat("  warning in", name, ":", w, "\n")
  if (is.null(res$error)) {
    cat("  ok:", name, "\n")
    return(list(ours = res$value, control = ctl$value))
  }
  if (is.null(ctl$error)) {
    cat("  FAIL:", name, ":", res$error, "(the control in ACLED's shape passes: our output's fault)\n")
    failed <<- TRUE
    return(NULL)
  }
  cat("  env:", name, "fails on ACLED's own shape too, so not on our output:", ctl$error, "\n")
  if (packageVersion("dplyr") < "1.1.0") {
    g <- dplyr10_shim(f)
    ctl2 <- attempt(g, control, ...)
    res2 <- attempt(g, ours, ...)
    if (is.null(res2$error) && is.null(ctl2$error)) {
      cat("  ok (shim):", name, "with dplyr", format(packageVersion("dplyr")), "< 1.1.0: case_when(~ NA) typed\n")
      shimmed <<- TRUE
      return(list(ours = res2$value, control = ctl2$value))
    }
    cat("  FAIL:", name, "through the shim:", if (is.null(res2$error)) ctl2$error else res2$error, "\n")
  } else {
    cat("  FAIL:", name, ": cannot be judged on this machine\n")
  }
  failed <<- TRUE
  NULL
}
show <- function(df, cols, n = 4) {  # the first rows, and the first event with no actor2 where there is one
  cols <- intersect(cols, names(df))
  one <- if ("actor2" %in% names(df)) which(is.na(df$actor2) | df$actor2 == "")[1] else NA
  rows <- unique(c(seq_len(min(n, nrow(df))), if (!is.na(one)) one))
  print(as.data.frame(df[rows, cols]), row.names = FALSE)
}

cat("  R", paste(R.version$major, R.version$minor, sep = "."), "readr", format(packageVersion("readr")),
    "dplyr", format(packageVersion("dplyr")), "tidyr", format(packageVersion("tidyr")),
    "acledR", format(packageVersion("acledR")), "\n")

control_csv <- tempfile(fileext = ".csv")
writeLines(c(
  "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp",
  "SYR1001,2018-12-03,2018,1,Political violence,Battles,Armed clash,SDF: Syrian Democratic Forces,,2,Islamic State,,2,22,,760,Middle East,Syria,Deir-ez-Zor,Abu Kamal,Hajin,Hajin,34.6951,40.8314,1,Source A,National,Clashes at Hajin.,3,,1700000000",
  "SYR1002,2018-12-04,2018,1,Demonstrations,Protests,Peaceful protest,Protesters (Syria),,6,,,0,60,,760,Middle East,Syria,Aleppo,Jabal Saman,,Aleppo,36.2012,37.1612,1,Source B,Local partner-National,Protest in Aleppo.,0,crowd size=no report,1700000000"
), control_csv)
control <- readr::read_csv(control_csv, show_col_types = FALSE, progress = FALSE)
if (schema == "acled-text") {
  labels <- c("State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
              "Civilians", "External/Other forces")
  control <- dplyr::mutate(control, inter1 = labels[inter1], inter2 = ifelse(inter2 == 0, NA, labels[inter2]),
                           interaction = paste(inter1, inter2, sep = "-"))
}

df <- attempt(function(path) read_csv(path, show_col_types = FALSE, progress = FALSE), csv)
if (!is.null(df$error)) {
  cat("  FAIL: readr::read_csv :", df$error, "\n")
  quit(status = 1)
}
df <- df$value
cat("  ok: readr::read_csv\n")
p <- problems(df)
if (nrow(p) > 0) {
  cat("  FAIL: readr parsing problems:", nrow(p), "\n")
  print(head(p))
  failed <- TRUE
}
cols <- c("event_date", "inter1", "inter2", "interaction", "iso", "timestamp")
cat("  ", nrow(df), "rows; readr's types:",
    paste(sprintf("%s=%s", cols, sapply(cols, function(c) if (c %in% names(df)) class(df[[c]])[1] else "missing")),
          collapse = " "), "\n")

if (schema == "acled") {
  inter <- step("acled_transform_interaction(df)", acled_transform_interaction, df, control)
  if (!is.null(inter)) show(inter$ours, n = 3, c("event_id_cnty", "actor1", "inter1", "actor2", "inter2", "interaction"))
} else {
  cat("  skip: acled_transform_interaction() (", schema, ": actor types are words already)\n")
}

long <- step('acled_transform_longer(df, type = "full_actors")', acled_transform_longer, df, control,
             type = "full_actors")
if (!is.null(long)) {
  cat("  ", nrow(long$ours), "long rows from", nrow(df), "events\n")
  show(long$ours, c("event_id_cnty", "type_of_actor", "actor", "inter_type", "inter"), n = 4)
  if (exists("acled_transform_wider", envir = asNamespace("acledR"))) {
    wide <- step('acled_transform_wider(long, type = "full_actors")', acled_transform_wider, long$ours,
                 long$control, type = "full_actors")
    if (!is.null(wide)) {
      w <- wide$ours
      ok <- nrow(w) == nrow(df) && setequal(w$event_id_cnty, df$event_id_cnty)
      cat(if (ok) "  ok:" else "  FAIL:", "wider gives back one row per event (", nrow(w), "of", nrow(df), ")\n")
      if (!ok) failed <- TRUE
      show(w, c("event_id_cnty", "actor1", "inter1", "actor2", "inter2", "interaction"))
    }
  } else {
    cat("  skip: acled_transform_wider() is not in this acledR\n")
  }
}
quit(status = if (failed) 1 else if (shimmed) 3 else 0)
