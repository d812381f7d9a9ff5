# Filled by its own issue (see README, "Stand van zaken").
