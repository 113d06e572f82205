"""Services given to a case's family: referrals to a provider, their sessions and outcome, and
the results of the services per year."""
