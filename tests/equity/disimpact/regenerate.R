# Regenerates the DisImpact golden outputs (goldens/*.csv) from inputs/ and
# cases.csv. Not part of the build: see README.md for how to install R and
# DisImpact. Run from the repository root:
#   LC_ALL=C R_LIBS=/tmp/rlib Rscript tests/equity/disimpact/regenerate.R
suppressPackageStartupMessages({
  library(DisImpact)
  library(dplyr)
})
invisible(Sys.setlocale("LC_COLLATE", "C"))
options(dplyr.summarise.inform = FALSE, warn = -1)

here <- "tests/equity/disimpact"
cases <- read.csv(file.path(here, "cases.csv"), colClasses = "character")

# "a=1;b=x|y" -> list(a="1", b=c("x","y"))
parse_params <- function(text) {
  out <- list()
  for (pair in strsplit(text, ";", fixed = TRUE)[[1]]) {
    kv <- strsplit(pair, "=", fixed = TRUE)[[1]]
    out[[kv[1]]] <- strsplit(kv[2], "|", fixed = TRUE)[[1]]
  }
  out
}

# Doubles as %.17g, NA as NA, NaN as NaN; text as is.
format_column <- function(x) {
  if (is.numeric(x) || is.logical(x)) {
    x <- as.double(x)
    out <- sprintf("%.17g", x)
    out[is.nan(x)] <- "NaN"
    out[is.na(x) & !is.nan(x)] <- NA
    return(out)
  }
  as.character(x)
}

write_golden <- function(df, path) {
  df <- as.data.frame(df, stringsAsFactors = FALSE)
  out <- as.data.frame(lapply(df, format_column), stringsAsFactors = FALSE, check.names = FALSE)
  names(out) <- names(df)
  write.csv(out, path, row.names = FALSE, na = "NA")
}

n_rows <- 0
for (i in seq_len(nrow(cases))) {
  case <- cases[i, ]
  p <- parse_params(case$params)
  groups <- p$group
  categorical <- unique(c(unlist(strsplit(groups, "*", fixed = TRUE)), p$cohort, p$scenario))
  header <- names(read.csv(file.path(here, "inputs", case$input), nrows = 1, check.names = FALSE))
  classes <- ifelse(header %in% categorical, "character", NA)
  d <- read.csv(file.path(here, "inputs", case$input), colClasses = classes, na.strings = c("", "NA"),
                check.names = FALSE)
  # Intersections: the parts' values pasted with " / ", missing if any is.
  for (g in groups) {
    parts <- strsplit(g, "*", fixed = TRUE)[[1]]
    if (length(parts) > 1) {
      any_na <- Reduce(`|`, lapply(parts, function(v) is.na(d[[v]])))
      pasted <- do.call(paste, c(lapply(parts, function(v) d[[v]]), sep = " / "))
      d[[g]] <- ifelse(any_na, NA_character_, pasted)
    }
  }
  num <- function(key, default) if (is.null(p[[key]])) default else as.numeric(p[[key]])
  if (case$method == "iterate") {
    args <- list(data = d, success_vars = p$success, group_vars = groups,
                 cohort_vars = p$cohort, scenario_repeat_by_vars = p$scenario, weight_var = p$weight,
                 include_non_disagg_results = is.null(p$non_disagg) || p$non_disagg == "1",
                 ppg_reference_groups = if (is.null(p$ppg_reference)) "overall" else p$ppg_reference,
                 di_80_index_reference_groups = if (is.null(p$reference_80)) "hpg" else p$reference_80,
                 min_moe = num("min_moe", 0.03), use_prop_in_moe = !is.null(p$use_prop_in_moe),
                 prop_sub_0 = num("prop_sub_0", 0.5), prop_sub_1 = num("prop_sub_1", 0.5),
                 di_prop_index_cutoff = num("prop_index_cutoff", 0.8), di_80_index_cutoff = num("cutoff_80", 0.8))
    args <- args[!sapply(args, is.null)]
    result <- do.call(di_iterate, args)
  } else {
    args <- list(success = d[[p$success]], group = d[[groups]])
    if (!is.null(p$cohort)) args$cohort <- d[[p$cohort]]
    if (!is.null(p$weight)) args$weight <- d[[p$weight]]
    reference <- p$reference
    if (!is.null(reference) && all(!is.na(suppressWarnings(as.numeric(reference))))) reference <- as.numeric(reference)
    if (case$method == "ppg") {
      if (!is.null(reference)) args$reference <- reference
      args$min_moe <- num("min_moe", 0.03)
      args$use_prop_in_moe <- !is.null(p$use_prop_in_moe)
      args$prop_sub_0 <- num("prop_sub_0", 0.5)
      args$prop_sub_1 <- num("prop_sub_1", 0.5)
      result <- do.call(di_ppg, args)
    } else if (case$method == "prop_index") {
      args$di_prop_index_cutoff <- num("cutoff", 0.8)
      result <- do.call(di_prop_index, args)
    } else {
      if (!is.null(reference)) args$reference_group <- reference
      args$di_80_index_cutoff <- num("cutoff", 0.8)
      result <- do.call(di_80_index, args)
    }
  }
  write_golden(result, file.path(here, "goldens", paste0(case$name, ".csv")))
  n_rows <- n_rows + nrow(result)
  cat(sprintf("%-32s %5d rows\n", case$name, nrow(result)))
}
cat(sprintf("%d cases, %d rows\n", nrow(cases), n_rows))
