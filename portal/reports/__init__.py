"""HR reports: measures x dimensions x filters, computed by one SQL statement per report."""
