variables {
  prefix = "test"
  count = 2
}

run "plan_defaults" {
  command = plan
  assert {
    condition = length(openstack_compute_instance_v2.web) == 2
    error_message = "expected two instances"
  }
}

run "apply" {
  variables {
    prefix = "applied"
  }
  expect_failures = [var.prefix]
}

variable "type" {
  type = "string"
}
