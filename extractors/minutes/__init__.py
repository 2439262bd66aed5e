"""Minutes and agendas: meetings, agenda items, journal numbers, decisions and attendance."""
