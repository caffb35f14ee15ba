//! Who may do what: the four staff roles and the few actions that are not
//! everyone's. One table, read by the server (which enforces it: a refused
//! action is a 403) and by the app (which leaves out what would be refused).
//!
//! Everything not named here is every signed-in member of staff's: the
//! front desk books, calls and moves deals; the roles only keep the club's
//! settings, its team and its data as a whole with the people answerable
//! for them.

use serde::{Deserialize, Serialize};

/// A member of staff's role, from most to least trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the club: everything, including who else is an owner.
    Owner,
    /// Runs the team: settings and staff, but not the owners' accounts.
    Manager,
    /// Sells: every prospect and deal, many at once, in and out as files.
    Sales,
    /// Works the front desk: bookings, calls and moves, one at a time.
    Desk,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Owner, Role::Manager, Role::Sales, Role::Desk];

    /// The word stored and sent (`owner`, `manager`, `sales`, `desk`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Manager => "manager",
            Role::Sales => "sales",
            Role::Desk => "desk",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether this role may do `action`.
    pub fn may(self, action: Action) -> bool {
        use Action::*;
        match self {
            Role::Owner => true,
            Role::Manager => !matches!(action, ManageOwners),
            Role::Sales => matches!(action, BulkDelete | Export | Import),
            Role::Desk => false,
        }
    }

    /// Whether this role may give `target` to someone (or change the
    /// account of someone who has it): an owner's account is an owner's
    /// business only.
    pub fn may_manage(self, target: Role) -> bool {
        self.may(Action::ManageStaff) && (target != Role::Owner || self.may(Action::ManageOwners))
    }
}

/// The actions a role may lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The club's settings: name, time zone, languages, booking setup.
    ChangeSettings,
    /// Add staff, change their role, deactivate them.
    ManageStaff,
    /// Make someone an owner, or change an owner's account.
    ManageOwners,
    /// Move many prospects to the trash at once (or back).
    BulkDelete,
    /// Download the prospect list as a file.
    Export,
    /// Add many prospects from a file.
    Import,
}

impl Action {
    /// Who may, in words, for the 403's detail.
    pub fn who_may(self) -> &'static str {
        match self {
            Action::ChangeSettings | Action::ManageStaff => "an owner or a manager",
            Action::ManageOwners => "an owner",
            Action::BulkDelete | Action::Export | Action::Import => {
                "an owner, a manager or a salesperson"
            }
        }
    }

    /// What is refused, in words, for the 403's detail.
    pub fn in_words(self) -> &'static str {
        match self {
            Action::ChangeSettings => "change the club's settings",
            Action::ManageStaff => "add or change staff accounts",
            Action::ManageOwners => "make someone an owner or change an owner's account",
            Action::BulkDelete => "delete many prospects at once",
            Action::Export => "export the prospect list",
            Action::Import => "import prospects from a file",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTIONS: [Action; 6] = [
        Action::ChangeSettings,
        Action::ManageStaff,
        Action::ManageOwners,
        Action::BulkDelete,
        Action::Export,
        Action::Import,
    ];

    #[test]
    fn the_words_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert_eq!(
                serde_json::to_string(&role).unwrap(),
                format!("\"{}\"", role.as_str())
            );
        }
        assert_eq!(Role::parse("admin"), None);
    }

    #[test]
    fn each_role_may_what_the_one_above_may_not_less() {
        // A more trusted role may everything a less trusted one may.
        for pair in Role::ALL.windows(2) {
            for action in ACTIONS {
                assert!(
                    !pair[1].may(action) || pair[0].may(action),
                    "{:?} may {action:?} but {:?} may not",
                    pair[1],
                    pair[0]
                );
            }
        }
    }

    #[test]
    fn the_desk_runs_the_day_and_nothing_wholesale() {
        for action in ACTIONS {
            assert!(!Role::Desk.may(action), "{action:?}");
        }
        assert!(Role::Sales.may(Action::BulkDelete) && Role::Sales.may(Action::Export));
        assert!(!Role::Sales.may(Action::ChangeSettings));
        assert!(Role::Manager.may(Action::ManageStaff));
    }

    #[test]
    fn only_an_owner_touches_an_owner() {
        assert!(Role::Owner.may_manage(Role::Owner));
        assert!(!Role::Manager.may_manage(Role::Owner));
        assert!(Role::Manager.may_manage(Role::Manager));
        assert!(Role::Manager.may_manage(Role::Desk));
        assert!(!Role::Sales.may_manage(Role::Desk));
        assert!(!Role::Desk.may_manage(Role::Desk));
    }
}
