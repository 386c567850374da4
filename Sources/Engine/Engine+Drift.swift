import Config
import State
import Values

/// What refreshing found before planning: terraform's "Objects have changed
/// outside of Terraform". Each object read is compared with what the last run
/// recorded; a changed value is drift of action `update`, an object the
/// provider no longer finds is `delete`, and an object only re-addressed by a
/// move is `noOp` with its previous address (shown by refresh-only plans).
/// The refreshed values also become the plan's prior state, as terraform's
/// plan carries the refreshed state to apply.
extension Engine {
    func noteRefresh(_ addr: AbsResourceInstance, prior: PriorInstance, newState: Value, providerSource: String, schema: ResourceSchema) {
        let before = prior.value
        let after = newState.isNull ? Value.null(schema.block.impliedType)
            : StateValueCodec.markSensitive(newState, paths: prior.object.sensitiveAttributes)
        let previous = implicitMoves[addr]
        let unchanged = !newState.isNull && before.unmarkedDeep().0.rawEquals(newState.unmarkedDeep().0)
        if !unchanged {
            let encoded = newState.isNull ? nil : StateValueCodec.encode(newState.unmarkedDeep().0, as: schema.block.impliedType)
            refreshedValues[previous ?? addr] = (newState.isNull, encoded, schema.version)
        }
        if unchanged && previous == nil { return }
        let action: ChangeAction = newState.isNull ? .delete : (unchanged ? .noOp : .update)
        var change = PlannedChange(address: addr, action: action, before: before, after: after, providerAddress: prior.providerAddress,
                                   providerSource: providerSource, schema: schema)
        change.previousAddress = previous
        driftFound.append(change)
    }

    /// Puts the drift on the plan, and the refreshed objects into its prior state.
    func finishRefresh(_ plan: inout Plan, destroy: Bool) {
        // A destroy plan starts from the refreshed state but reports no drift (as terraform).
        plan.drift = destroy ? [] : driftFound.sorted { $0.address < $1.address }
        guard !refreshedValues.isEmpty, var state = plan.priorState else { return }
        for ri in state.resources.indices where state.resources[ri].address.resource.mode == .managed {
            let r = state.resources[ri]
            var kept: [InstanceObject] = []
            for obj in r.instances {
                guard obj.deposed == nil, let (gone, attrs, version) = refreshedValues[r.address.instance(obj.key)] else {
                    kept.append(obj)
                    continue
                }
                if gone { continue }
                var updated = obj
                if let attrs {
                    updated.attributes = attrs
                    updated.schemaVersion = version
                }
                kept.append(updated)
            }
            state.resources[ri].instances = kept
        }
        state.pruneEmptyResources()
        plan.priorState = state
    }
}
